/*
 * Traps and interrupts taken in the hypervisor itself. An exception here is
 * a hypervisor bug: dump everything that helps find it, then stop.
 */
#include <x86/desc.h>
#include <x86/io.h>
#include <lib/console.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include "trap.h"
#include "vectors.h"

static irq_handler_t handlers[NUM_VECTORS];

static const char *const exception_names[NUM_EXCEPTIONS] = {
	[VEC_DIVIDE] = "divide error",
	[VEC_DEBUG] = "debug",
	[VEC_NMI] = "non-maskable interrupt",
	[VEC_BREAKPOINT] = "breakpoint",
	[VEC_OVERFLOW] = "overflow",
	[VEC_BOUND] = "bound range exceeded",
	[VEC_INVALID_OPCODE] = "invalid opcode",
	[VEC_NO_FPU] = "device not available",
	[VEC_DOUBLE_FAULT] = "double fault",
	[VEC_INVALID_TSS] = "invalid TSS",
	[VEC_NO_SEGMENT] = "segment not present",
	[VEC_STACK_FAULT] = "stack-segment fault",
	[VEC_GP] = "general protection",
	[VEC_PAGE_FAULT] = "page fault",
	[VEC_FPU_ERROR] = "x87 floating-point error",
	[VEC_ALIGNMENT] = "alignment check",
	[VEC_MACHINE_CHECK] = "machine check",
	[VEC_SIMD] = "SIMD floating-point error",
};

const char *trap_name(unsigned vector)
{
	if (vector < NUM_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	return vector < NUM_EXCEPTIONS ? "reserved exception" : "interrupt";
}

void trap_set_handler(unsigned vector, irq_handler_t handler)
{
	handlers[vector] = handler;
}

struct regs_dump {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags;
	uint32_t cs, ds, es, fs, gs, ss;
};

static void dump_state(unsigned vector, uint32_t error,
		       const struct regs_dump *r)
{
	console_break_lock();
	kprintf("exception %u (%s) in the hypervisor, error code 0x%x\n",
		vector, trap_name(vector), error);
	kprintf("  eip {%08x}  eflags {%08x}  cs %04x  ss %04x\n",
		r->eip, r->eflags, r->cs, r->ss);
	kprintf("  eax {%08x}  ebx {%08x}  ecx {%08x}  edx {%08x}\n",
		r->eax, r->ebx, r->ecx, r->edx);
	kprintf("  esi {%08x}  edi {%08x}  ebp {%08x}  esp {%08x}\n",
		r->esi, r->edi, r->ebp, r->esp);
	kprintf("  ds %04x  es %04x  fs %04x  gs %04x\n",
		r->ds, r->es, r->fs, r->gs);
	kprintf("  cr0 %08x  cr2 %08x  cr3 {%08x}  cr4 %08x\n",
		read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static NORETURN void exception_panic(struct trap_frame *tf)
{
	struct regs_dump r = {
		.eax = tf->eax, .ebx = tf->ebx, .ecx = tf->ecx, .edx = tf->edx,
		.esi = tf->esi, .edi = tf->edi, .ebp = tf->ebp,
		/* Same privilege: the CPU pushed no ESP; the old one is here. */
		.esp = (uint32_t)&tf->esp,
		.eip = tf->eip, .eflags = tf->eflags,
		.cs = tf->cs & 0xFFFF, .ss = SEL_HV_DATA,
		.ds = tf->ds & 0xFFFF, .es = tf->es & 0xFFFF,
		.fs = tf->fs & 0xFFFF, .gs = tf->gs & 0xFFFF,
	};

	if ((tf->cs & SEL_RPL_MASK) != 0) {
		r.esp = tf->esp;
		r.ss = tf->ss & 0xFFFF;
	}
	dump_state(tf->vector, tf->error, &r);
	panic("unhandled exception %u (%s)", tf->vector, trap_name(tf->vector));
}

void trap_dispatch(struct trap_frame *tf)
{
	irq_handler_t h = handlers[tf->vector];

	if (h) {
		h(tf);
		return;
	}
	if (tf->vector < NUM_EXCEPTIONS)
		exception_panic(tf);
	kprintf("trap: unexpected interrupt on vector %u ignored\n",
		tf->vector);
}

/*
 * Reached by a task switch: the CPU saved the state of the task that
 * faulted in its TSS, which is where the registers come from.
 */
void double_fault_task(void)
{
	const struct tss32 *t = &this_cpu()->tss;
	struct regs_dump r = {
		.eax = t->eax, .ebx = t->ebx, .ecx = t->ecx, .edx = t->edx,
		.esi = t->esi, .edi = t->edi, .ebp = t->ebp, .esp = t->esp,
		.eip = t->eip, .eflags = t->eflags,
		.cs = t->cs, .ds = t->ds, .es = t->es, .fs = t->fs,
		.gs = t->gs, .ss = t->ss,
	};

	dump_state(VEC_DOUBLE_FAULT, 0, &r);
	panic("double fault");
}
