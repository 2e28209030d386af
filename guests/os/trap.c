#include <x86/desc.h>
#include <x86/exception.h>
#include "os.h"
#include "paging.h"
#include "process.h"
#include "user.h"
#include "programs.h"
#include "pv.h"
#include "timer.h"
#include "trap.h"

extern const uint32_t trap_stubs[OS_VECTORS];
extern const char syscall_stub[];
uint32_t os_virtual_if;
uint16_t os_kernel_ds;
/* trap_entry.S reads them by name. */
static uint8_t entry_stack[PAGE_SIZE] ALIGNED(PAGE_SIZE);
uint32_t os_process_stack_top;

void trap_set_process_stack(uint32_t top)
{
	os_process_stack_top = top;
}

static const char *const names[NUM_EXCEPTIONS] = {
	[VEC_DIVIDE] = "divide error", [VEC_DEBUG] = "debug",
	[VEC_NMI] = "NMI", [VEC_BREAKPOINT] = "breakpoint",
	[VEC_OVERFLOW] = "overflow", [VEC_BOUND] = "bound range",
	[VEC_INVALID_OPCODE] = "invalid opcode", [VEC_NO_FPU] = "no FPU",
	[VEC_DOUBLE_FAULT] = "double fault", [VEC_INVALID_TSS] = "invalid TSS",
	[VEC_NO_SEGMENT] = "segment not present",
	[VEC_STACK_FAULT] = "stack fault", [VEC_GP] = "general protection",
	[VEC_PAGE_FAULT] = "page fault", [VEC_FPU_ERROR] = "FPU error",
	[VEC_ALIGNMENT] = "alignment check", [VEC_MACHINE_CHECK] = "machine check",
	[VEC_SIMD] = "SIMD error",
};

void trap_init(void)
{
	unsigned v;

	os_virtual_if = pv->virtual_if;
	os_kernel_ds = pv->kernel_ds;
	pv->set_kernel_stack((uint32_t)(entry_stack + sizeof(entry_stack)),
			     sizeof(entry_stack) / PAGE_SIZE);
	/* Interrupt gates: a handler starts with interrupts off. */
	for (v = 0; v < OS_VECTORS; v++)
		pv->set_gate(v, desc_gate(pv->kernel_cs, trap_stubs[v],
					  SYS_TYPE_INTR_GATE, 0));
	/* Ring 3 may call; a trap gate, which the hypervisor lets the CPU
	 * deliver without an exit. */
	pv->set_gate(SYSCALL_VECTOR, desc_gate(pv->kernel_cs,
					       (uint32_t)syscall_stub,
					       SYS_TYPE_TRAP_GATE, 3));
}

/* The program and offset, or the bare address in braces (it moves with
 * every change to the image). */
static void print_where(uint32_t eip)
{
	const char *where = program_where(eip);

	if (where[0])
		os_printf("%s", where);
	else
		os_printf("eip {0x%08x}", eip);
}

void os_trap(struct trap_frame *f)
{
	const char *name;

	if (f->vector == OS_TIMER_VECTOR) {
		timer_interrupt((f->cs & SEL_RPL_MASK) == 3);
		return;
	}
	/* No other interrupt is unmasked: this is the 8259A's spurious IRQ 7
	 * (Bochs raises it), which wants no EOI and no action. */
	if (f->vector > OS_TIMER_VECTOR &&
	    f->vector < OS_TIMER_VECTOR + OS_IRQ_VECTORS)
		return;
	/* A first touch of demand-zero memory, from either ring: mapped. */
	if (f->vector == VEC_PAGE_FAULT &&
	    paging_fault(pv->fault_address(), f->error))
		return;
	if ((f->cs & SEL_RPL_MASK) == 3) {
		process_trap(f);
		return;
	}
	name = names[f->vector] ? names[f->vector] : "reserved";
	os_printf("trap: %s (vector %u) at ", name, f->vector);
	print_where(f->eip);
	if (f->vector == VEC_BREAKPOINT) {
		os_printf(": going on\n");
		return;
	}
	os_printf(", error code 0x%x", f->error);
	if (f->vector == VEC_PAGE_FAULT)
		os_printf(", address 0x%08x", pv->fault_address());
	os_printf(": stopping\n");
	pv->power_off(1);
}
