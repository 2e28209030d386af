#include <x86/cr.h>
#include <x86/desc.h>
#include <lib/percpu.h>
#include "deliver.h"
#include "guest.h"
#include "segwrap.h"
#include "guest_access.h"
#include "ipi.h"
#include "irqframe.h"

static uint32_t virtual_if(const struct guest *g)
{
	return g->shared ? (g->shared->irq_enabled & EFLAGS_IF) : 0;
}

/*
 * Writes the frame where the CPU would push it on f->ss's stack: at the
 * segment's base plus the stack pointer, which on a 16-bit stack is SP
 * alone. f->esp becomes the stack pointer after the push.
 */
static bool push_frame(struct guest *g, struct irq_frame *f)
{
	uint32_t esp = f->esp + 4 * f->n, base;     /* before the push */
	bool big;
	unsigned i;

	if (!stack_segment_of(g->gdt, HV_GDT_ENTRIES, f->ss, &base, &big))
		return false;
	f->esp = irq_stack_push(esp, 4 * f->n, big);
	if (big)
		return guest_write(g, base + f->esp, f->words, 4 * f->n);
	for (i = 0; i < f->n; i++)      /* SP may wrap between two words */
		if (!guest_write(g, irq_stack_linear(base, f->esp + 4 * i, big),
				 &f->words[i], 4))
			return false;
	return true;
}

bool deliver_trap(struct guest *g, unsigned vector, bool has_error,
		  uint32_t error)
{
	const struct desc *gate;
	struct trap_frame *r = &g->regs;
	struct irq_frame f;

	if (vector >= NUM_VECTORS)
		return false;
	gate = &g->idt[vector];
	if (!(gate->hi & DESC_P))
		return false;
	if (!gate_selector_ok(g->gdt, HV_GDT_ENTRIES, gate_selector(*gate))) {
		guest_kill(g, "handler for trap %u: selector 0x%x is no longer a "
			   "ring-1 code segment", vector, gate_selector(*gate));
		return true;
	}
	if (!gate_offset_ok(g->gdt, HV_GDT_ENTRIES, *gate)) {
		guest_kill(g, "handler for trap %u: offset 0x%08x is past the "
			   "limit of its code segment", vector, gate_offset(*gate));
		return true;
	}
	if (irq_from_outer_ring(r->cs) &&
	    !kernel_stack_segment_ok(g->gdt, HV_GDT_ENTRIES, g->kstack_ss)) {
		guest_kill(g, "trap %u from ring %u without a usable kernel stack "
			   "(ss 0x%x)", vector, r->cs & SEL_RPL_MASK, g->kstack_ss);
		return true;
	}
	irq_frame_build(r, virtual_if(g), has_error, error, g->kstack_ss,
			g->kstack_esp, &f);
	if (!push_frame(g, &f)) {
		guest_kill(g, "cannot deliver trap %u: stack at 0x%08x is not "
			   "writable", vector, f.esp);
		return true;
	}
	r->ss = f.ss;
	r->esp = f.esp;
	r->cs = (gate_selector(*gate) & ~SEL_RPL_MASK) | 1;
	r->eip = gate_offset(*gate);
	r->eflags &= ~(EFLAGS_TF | EFLAGS_NT | EFLAGS_RF | EFLAGS_VM);
	if (desc_type(*gate) == SYS_TYPE_INTR_GATE && g->shared)
		g->shared->irq_enabled = 0;
	return true;
}

static void publish_pending(struct guest *g)
{
	unsigned i;

	if (!g->shared)
		return;
	for (i = 0; i < HV_IRQS / 32; i++)
		g->shared->pending_irqs[i] = g->pending[i];
}

/*
 * Any CPU may raise: the pending bits and the wake-up change under the
 * guest lock, and the shared page (the home CPU's to write) is brought up
 * to date there, before the next delivery, once the kick has arrived.
 */
void virq_raise(struct guest *g, unsigned irq)
{
	guest_lock(g);
	if (g->nvcpus > 1)          /* for vcpus_all_asleep() */
		__atomic_add_fetch(&vcpu_first(g)->wakeups, 1, __ATOMIC_SEQ_CST);
	g->pending[irq / 32] |= 1u << (irq % 32);
	if (g->state == GUEST_HALTED)
		g->state = GUEST_RUNNABLE;
	guest_unlock(g);
	if (g->cpu == this_cpu()->index)
		publish_pending(g);
	else
		cpu_kick(g->cpu);
}

static int first_deliverable(const struct guest *g)
{
	unsigned i;

	for (i = 0; i < HV_IRQS / 32; i++) {
		uint32_t blocked = g->shared ? g->shared->blocked_irqs[i] : 0;
		uint32_t ready = g->pending[i] & ~blocked;

		if (ready)
			return (int)(i * 32 + (unsigned)__builtin_ctz(ready));
	}
	return -1;
}

bool virq_pending(const struct guest *g)
{
	return first_deliverable(g) >= 0;
}

void virq_deliver(struct guest *g)
{
	int irq = first_deliverable(g);
	uint32_t eip = g->regs.eip;

	publish_pending(g);         /* raised elsewhere since the last entry */
	if (irq < 0 || !g->shared || !(g->shared->irq_enabled & EFLAGS_IF))
		return;
	if (eip >= g->shared->noirq_start && eip < g->shared->noirq_end)
		return;
	if (!segwrap_direct_ok(g))
		return;             /* one instruction is being stepped */
	if (!(g->idt[HV_IRQ_VECTOR_BASE + irq].hi & DESC_P))
		return;             /* no handler yet: it stays pending */
	guest_lock(g);
	g->pending[irq / 32] &= ~(1u << (irq % 32));
	guest_unlock(g);
	publish_pending(g);
	deliver_trap(g, HV_IRQ_VECTOR_BASE + (unsigned)irq, false, 0);
}
