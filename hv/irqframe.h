/*
 * The stack frame the CPU would push for a trap or interrupt, built by the
 * hypervisor so that delivering one to a guest looks exactly like the real
 * thing and the guest's iret undoes it. Pure: no guest memory is touched.
 */
#ifndef HV_IRQFRAME_H
#define HV_IRQFRAME_H

#include <types.h>
#include "trap.h"

struct irq_frame {
	uint32_t words[6];          /* lowest address first */
	unsigned n;
	uint32_t ss, esp;           /* the stack after the push */
};

/*
 * From ring 3 the frame goes on the kernel stack (kernel_ss:kernel_esp) and
 * includes the old SS:ESP; from ring 1 it goes on the current stack. The
 * saved EFLAGS carries the guest's virtual IF (virt_if) instead of the real
 * one, which is always set.
 */
void irq_frame_build(const struct trap_frame *regs, uint32_t virt_if,
		     bool has_error, uint32_t error, uint32_t kernel_ss,
		     uint32_t kernel_esp, struct irq_frame *f);

#endif
