/*
 * The CPU state the hypervisor does not otherwise own, put into a known
 * state at boot (docs/architecture.md, "Machine state"). Guests run in
 * rings 1 and 3, where none of it can be written, but it decides what
 * their instructions do: sysenter with a zero SYSENTER_CS raises #GP,
 * EFER without SCE makes syscall #UD, and breakpoints left in the debug
 * registers by the firmware would fire inside guests.
 */
#include <x86/cr.h>
#include <x86/io.h>
#include <x86/msr.h>
#include "cpu.h"

#define DR6_CLEAR       0xFFFF0FF0u     /* DR6 with no condition recorded */
#define DR7_OFF         0x00000400u     /* DR7 with every breakpoint off */

static void debug_registers_off(void)
{
	uint32_t zero = 0, dr6 = DR6_CLEAR, dr7 = DR7_OFF;

	__asm__ volatile("mov %0, %%dr7" : : "r"(dr7));
	__asm__ volatile("mov %0, %%dr0; mov %0, %%dr1; mov %0, %%dr2; "
			 "mov %0, %%dr3" : : "r"(zero));
	__asm__ volatile("mov %0, %%dr6" : : "r"(dr6));
}

void cpu_state_reset(const struct cpu_features *f)
{
	/* CR4 arrived with the Pentium (and its debug extensions). */
	if (f->de || f->pse || f->pae || f->tsc || f->msr)
		write_cr4(0);
	if (f->msr && f->efer)
		wrmsr(MSR_EFER, 0);
	if (f->msr && f->sep) {
		wrmsr(MSR_SYSENTER_CS, 0);
		wrmsr(MSR_SYSENTER_ESP, 0);
		wrmsr(MSR_SYSENTER_EIP, 0);
	}
	debug_registers_off();
}
