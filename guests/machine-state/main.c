/*
 * machine-state: what a guest finds of the CPU state the hypervisor puts
 * into a known state at boot (docs/architecture.md, "Machine state"):
 * sysenter raises #GP(0), as SYSENTER_CS is zero; syscall raises #UD, as
 * EFER.SCE is clear; rdtsc works (CR4.TSD clear) and counts up; and the
 * control, debug and model-specific registers stay out of reach of ring 1
 * (#GP(0) for each). Every instruction that may fault has an
 * exception-table entry; the check names what came.
 */
#include <stdint.h>
#include <x86/cr.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"

/* Runs one possibly faulting instruction; the vector it raised, or -1. */
#define PROBE(insn, ...)                                                 \
	({                                                               \
		extable_reset();                                         \
		__asm__ volatile("1: " insn "\n2:\n" ASM_EXTABLE(1b, 2b) \
				 : : __VA_ARGS__ : "memory");            \
		extable_last.fixups ? (int)extable_last.vector : -1;     \
	})

static void expect(int got, int vector, const char *what)
{
	if (got == -1)
		check(vector == -1, "%s: ran without a fault", what);
	else
		check(got == vector && extable_last.error == 0,
		      "%s: vector %d, error code 0x%x", what, got,
		      (unsigned)extable_last.error);
}

int main(void)
{
	uint32_t lo1, hi1, lo2, hi2;

	trap_install(VEC_GP, extable_trap, 1, 0);
	trap_install(VEC_INVALID_OPCODE, extable_trap, 1, 0);
	expect(PROBE("sysenter", "a"(0)), VEC_GP, "sysenter (SYSENTER_CS is 0)");
	expect(PROBE("syscall", "a"(0)), VEC_INVALID_OPCODE,
	       "syscall (EFER.SCE is clear)");
	expect(PROBE("mov %%cr4, %%eax", "a"(0)), VEC_GP, "mov from cr4 in ring 1");
	expect(PROBE("mov %%dr7, %%eax", "a"(0)), VEC_GP, "mov from dr7 in ring 1");
	expect(PROBE("rdmsr", "c"(0xC0000080u)), VEC_GP, "rdmsr EFER in ring 1");
	__asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
	__asm__ volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
	check(((uint64_t)hi2 << 32 | lo2) > ((uint64_t)hi1 << 32 | lo1),
	      "rdtsc works in ring 1 and counts up (CR4.TSD clear)");
	return check_summary();
}
