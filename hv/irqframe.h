/*
 * The stack frame the CPU would push for a trap or interrupt, built by the
 * hypervisor so that delivering one to a guest looks exactly like the real
 * thing and the guest's iret undoes it. Pure: no guest memory is touched.
 */
#ifndef HV_IRQFRAME_H
#define HV_IRQFRAME_H

#include <types.h>
#include <x86/desc.h>
#include "trap.h"

/* The ring the guest's kernel (and every handler it installs) runs in. */
#define GUEST_KERNEL_RING   1u

/*
 * Whether a trap taken with this CS comes from a ring outside the guest
 * kernel's, ring 2 as well as ring 3: the CPU then switches to the
 * kernel stack and pushes the old SS:ESP.
 */
static inline bool irq_from_outer_ring(uint32_t cs)
{
	return (cs & SEL_RPL_MASK) > GUEST_KERNEL_RING;
}

struct irq_frame {
	uint32_t words[6];          /* lowest address first */
	unsigned n;
	uint32_t ss, esp;           /* the stack after the push */
};

/*
 * From an outer ring (3, or 2) the frame goes on the kernel stack
 * (kernel_ss:kernel_esp) and includes the old SS:ESP; from ring 1 it goes
 * on the current stack. The saved EFLAGS carries the guest's virtual IF
 * (virt_if) instead of the real one, which is always set. f->esp is
 * kernel_esp or the current ESP less the frame's size; on a 16-bit stack
 * the caller applies irq_stack_push() instead.
 */
void irq_frame_build(const struct trap_frame *regs, uint32_t virt_if,
		     bool has_error, uint32_t error, uint32_t kernel_ss,
		     uint32_t kernel_esp, struct irq_frame *f);

/*
 * Stack arithmetic as the CPU does it for a stack segment with this base
 * and B bit (stack_segment_of): the linear address of the stack pointer
 * esp, and esp after pushing bytes. On a 16-bit stack (B clear) only SP
 * counts and moves, wrapping within 64 KiB; ESP's upper half stays.
 */
uint32_t irq_stack_linear(uint32_t base, uint32_t esp, bool big);
uint32_t irq_stack_push(uint32_t esp, uint32_t bytes, bool big);

#endif
