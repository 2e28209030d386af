#include <x86/cr.h>
#include <x86/desc.h>
#include "irqframe.h"

void irq_frame_build(const struct trap_frame *regs, uint32_t virt_if,
		     bool has_error, uint32_t error, uint32_t kernel_ss,
		     uint32_t kernel_esp, struct irq_frame *f)
{
	uint32_t top[6];
	unsigned n = 0, i;

	if (irq_from_outer_ring(regs->cs)) {
		f->ss = kernel_ss;
		f->esp = kernel_esp;
		top[n++] = regs->ss & 0xFFFF;
		top[n++] = regs->esp;
	} else {
		f->ss = regs->ss;
		f->esp = regs->esp;
	}
	top[n++] = (regs->eflags & ~EFLAGS_IF) | (virt_if & EFLAGS_IF);
	top[n++] = regs->cs & 0xFFFF;
	top[n++] = regs->eip;
	if (has_error)
		top[n++] = error;
	/* top[] was filled from the highest address down. */
	for (i = 0; i < n; i++)
		f->words[i] = top[n - 1 - i];
	f->n = n;
	f->esp -= 4 * n;
}

uint32_t irq_stack_linear(uint32_t base, uint32_t esp, bool big)
{
	return base + (big ? esp : (esp & 0xFFFFu));
}

uint32_t irq_stack_push(uint32_t esp, uint32_t bytes, bool big)
{
	if (big)
		return esp - bytes;
	return (esp & 0xFFFF0000u) | ((esp - bytes) & 0xFFFFu);
}
