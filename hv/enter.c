/*
 * Entering a guest: its descriptor tables into this CPU's state page, its
 * kernel stack into the guest TSS, this CPU's switcher pages into its
 * shadow, its registers (checked) into the register page; then the switch.
 */
#include <x86/cr.h>
#include <switcher/switcher.h>
#include <lib/segments.h>
#include "clock.h"
#include "exits.h"
#include "fast_switch.h"
#include "fpu.h"
#include "guest.h"
#include "segwrap.h"
#include "hc_handlers.h"
#include "irqframe.h"
#include "vectors.h"

/*
 * What the guest may set in EFLAGS (CPL > 0, IOPL 0) goes back as it was;
 * NT too: the switcher's iret runs with the host's NT clear, so it only
 * loads the guest's, whose own next iret then returns to a task, as on
 * bare metal.
 */
#define GUEST_EFLAGS_KEEP   (EFLAGS_STATUS | EFLAGS_DF | EFLAGS_TF | EFLAGS_AC | \
			     EFLAGS_RF | EFLAGS_ID | EFLAGS_NT)

static void load_idt(struct guest *g, struct switcher_state *st)
{
	unsigned v;

	for (v = 0; v < NUM_VECTORS; v++) {
		const struct desc *gate = &g->idt[v];
		unsigned dpl = (gate->hi & DESC_P) ? MAX(1u, desc_dpl(*gate)) : 0;

		/* A gate whose segment changed since (selector or limit) is
		 * delivered, and refused, by the hypervisor instead. */
		if (idt_entry_direct(v, gate) && segwrap_direct_ok(g) &&
		    gate_offset_ok(g->gdt, HV_GDT_ENTRIES, *gate)) {
			uint16_t sel = (gate_selector(*gate) & ~SEL_RPL_MASK) | 1;

			st->guest_idt[v] = desc_gate(sel, gate_offset(*gate),
						     SYS_TYPE_TRAP_GATE, dpl);
			continue;
		}
		/*
		 * "int n" on an exception vector, or on a host interrupt's,
		 * must not reach its stub: it would look like the real thing,
		 * with no error code where the CPU pushes one. At DPL 0 it
		 * raises #GP(n * 8 + 2), which exits.c decodes (softint.h).
		 */
		if (v < NUM_EXCEPTIONS || is_host_irq(v))
			dpl = 0;
		if (v == HV_HYPERCALL_VECTOR)
			dpl = 1;
		st->guest_idt[v] = desc_gate(SEL_HV_CODE, switcher_stub(v),
					     SYS_TYPE_INTR_GATE, dpl);
	}
}

/*
 * The guest's view of the descriptor tables, in the CPU's state page: all
 * of it when another guest ran here last, otherwise only what changed.
 * TLS loads (frequent: one per task switch in a guest) copy three entries.
 */
static void load_tables(struct guest *g, struct switcher_cpu *sc)
{
	struct switcher_state *st = sc->state;
	bool all = sc->loaded_for != g;
	unsigned i;

	if (all || g->gdt_changed) {
		for (i = 0; i < HV_GDT_ENTRIES; i++)
			if (gdt_index_settable(i))
				st->guest_gdt[i] = segwrap_entry(g, i);
	} else if (g->tls_changed) {
		for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
			st->guest_gdt[HV_GDT_TLS_FIRST + i] =
				segwrap_entry(g, HV_GDT_TLS_FIRST + i);
	}
	if (all || g->idt_changed)
		load_idt(g, st);
	sc->loaded_for = g;
	g->gdt_changed = g->idt_changed = g->tls_changed = false;
}

/*
 * Entering with a ring-0 selector would hand the guest the machine; the
 * paths that set CS and SS never produce one, and this makes sure.
 */
static bool registers_safe(const struct trap_frame *r)
{
	unsigned rpl = r->cs & SEL_RPL_MASK;

	return rpl != 0 && (r->ss & SEL_RPL_MASK) == rpl;
}

/* Which of the selectors the switcher loads for g a selector error names. */
static const char *named_selector(const struct guest *g, uint32_t error)
{
	const struct trap_frame *r = &g->regs;
	const struct { const char *name; uint32_t sel; } sels[] = {
		{ "cs", r->cs }, { "ss", r->ss }, { "ds", r->ds }, { "es", r->es },
		{ "fs", r->fs }, { "gs", r->gs },
	};
	unsigned i;

	if (error == 0)
		return within_segment(g->gdt, HV_GDT_ENTRIES, r->cs, r->eip) ?
		       "no selector" : "eip past its code segment's limit";
	for (i = 0; i < ARRAY_SIZE(sels); i++)
		if (((sels[i].sel ^ error) & ~SEL_RPL_MASK & 0xFFFF) == 0)
			return sels[i].name;
	return "no selector of its";
}

/*
 * The switcher faulted in ring 0 while loading the guest's registers (a
 * segment register, or its iret): the host's own failure on the guest's
 * behalf, never a trap of the guest's. The fault's frame is lower on the
 * register page; the guest's registers are still in g->regs.
 */
static void switcher_faulted(struct guest *g, struct switcher_cpu *sc)
{
	uint32_t at = sc->state->host_fault_frame & (PAGE_SIZE - 1);
	const struct trap_frame *f = (const struct trap_frame *)
		((uint8_t *)(sc->regs + 1) - PAGE_SIZE + at);

	sc->state->host_fault_frame = 0;
	guest_kill(g, "the switcher could not enter it: trap %u, error code "
		   "0x%x (%s), eip 0x%08x cs 0x%x ss 0x%x", f->vector, f->error,
		   named_selector(g, f->error), g->regs.eip, g->regs.cs,
		   g->regs.ss);
}

void guest_enter(struct guest *g, unsigned cpu)
{
	struct switcher_cpu *sc = switcher_cpu(cpu);
	struct trap_frame *r = &g->regs;

	if (!registers_safe(r)) {
		guest_kill(g, "invalid cs 0x%x / ss 0x%x", r->cs, r->ss);
		return;
	}
	/* A trap from ring 3 (or 2) loads the kernel stack's SS: it must be
	 * good now, whatever the GDT went through since SET_STACK. */
	if (irq_from_outer_ring(r->cs) &&
	    !kernel_stack_segment_ok(g->gdt, HV_GDT_ENTRIES, g->kstack_ss)) {
		guest_kill(g, "entering ring %u without a usable kernel stack "
			   "(ss 0x%x)", r->cs & SEL_RPL_MASK, g->kstack_ss);
		return;
	}

	if (g->kstack_unpinned && !kstack_pin(g))
		return;
	/* The entries of a step are ring 3's alone (segwrap.h). */
	if (!segwrap_direct_ok(g) && (r->cs & SEL_RPL_MASK) != 3) {
		guest_kill(g, "the hypervisor was to enter ring %u while stepping "
			   "a ring-3 instruction", r->cs & SEL_RPL_MASK);
		return;
	}
	load_tables(g, sc);
	sc->state->guest_tss.ss1 = g->kstack_ss;
	sc->state->guest_tss.esp1 = g->kstack_esp;
	shadow_use_cpu(&g->shadow, cpu, sc->guest_pt);
	if (g->shared)
		g->shared->time_ns = clock_ns();
	/* Whatever the guest did, it runs with interrupts on and no I/O. */
	r->eflags = (r->eflags & GUEST_EFLAGS_KEEP) | EFLAGS_RESERVED | EFLAGS_IF;
	fpu_before_entry(g);
	fast_switch_prepare(g, cpu, sc);
	*sc->regs = *r;
	switcher_run(sc, shadow_cr3(&g->shadow));
	g->exits++;
	if (sc->state->host_fault_frame) {
		switcher_faulted(g, sc);
		return;
	}
	fast_switch_adopt(g, sc);
	*r = *sc->regs;
}
