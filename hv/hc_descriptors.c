/*
 * Descriptor hypercalls: IDT entries, GDT entries, the TLS fast path and
 * the kernel stack's segment. Every descriptor is checked and confined
 * below the switcher.
 */
#include "descriptors.h"
#include "guest.h"
#include "guest_access.h"
#include "hc_handlers.h"
#include "segwrap.h"


uint32_t hc_load_idt_entry(struct guest *g, const uint32_t *arg)
{
	struct desc gate = { arg[1], arg[2] };
	const char *why = idt_entry_check(arg[0], &gate);

	if (why) {
		guest_kill(g, "bad IDT entry for vector %u: %s", arg[0], why);
		return 0;
	}
	if ((gate.hi & DESC_P) &&
	    !gate_selector_ok(g->gdt, HV_GDT_ENTRIES, gate_selector(gate))) {
		guest_kill(g, "bad IDT entry for vector %u: selector 0x%x is not a "
			   "ring-1 code segment", arg[0], gate_selector(gate));
		return 0;
	}
	if ((gate.hi & DESC_P) && !gate_offset_ok(g->gdt, HV_GDT_ENTRIES, gate)) {
		guest_kill(g, "bad IDT entry for vector %u: offset 0x%08x is past "
			   "the limit of its code segment", arg[0],
			   gate_offset(gate));
		return 0;
	}
	g->idt[arg[0]] = gate;
	g->idt_changed = true;
	return 0;
}

/* Checks a descriptor for entry index and keeps it below the switcher;
 * NULL or why not. What was asked for is kept for ring 3 (segwrap.h). */
static const char *checked_descriptor(struct guest *g, unsigned index,
				      struct desc *d)
{
	const char *why = gdt_entry_check(d);
	struct desc asked = *d;

	if (!why)
		why = segment_confine(d, g->shadow.reserve_top);
	if (!why)
		segwrap_record(g, index, asked, *d);
	return why;
}

/* Installs one checked descriptor; false after killing the guest. */
static bool set_gdt_entry(struct guest *g, unsigned index, struct desc d)
{
	const char *why = checked_descriptor(g, index, &d);

	if (why) {
		guest_kill(g, "bad GDT entry %u: %s", index, why);
		return false;
	}
	g->gdt[index] = d;
	/* Gates name segments: direct ones are checked again on rebuild. */
	g->gdt_changed = g->idt_changed = true;
	return true;
}

/* After a GDT change: the segments in use, and the kernel stack's pins. */
static void revalidate(struct guest *g)
{
	const char *why = segments_revalidate(g->gdt, HV_GDT_ENTRIES, &g->regs);
	uint32_t top;

	if (why)
		guest_kill(g, "%s", why);
	else if (kstack_top(g, &top) && top != g->kstack_pinned)
		kstack_pin_later(g);
}

uint32_t hc_load_gdt(struct guest *g, const uint32_t *arg)
{
	struct desc table[HV_GDT_ENTRIES];
	unsigned i;

	if (arg[1] > HV_GDT_ENTRIES) {
		guest_kill(g, "GDT of %u entries (at most %u)", arg[1],
			   HV_GDT_ENTRIES);
		return 0;
	}
	if (!guest_read(g, arg[0], table, arg[1] * sizeof(struct desc))) {
		guest_kill(g, "GDT at 0x%08x is outside its memory", arg[0]);
		return 0;
	}
	/* Entries the hypervisor owns are skipped: a guest passes its
	 * whole table. */
	for (i = 0; i < arg[1]; i++)
		if (gdt_index_settable(i) && !set_gdt_entry(g, i, table[i]))
			return 0;
	revalidate(g);
	return 0;
}

uint32_t hc_load_gdt_entry(struct guest *g, const uint32_t *arg)
{
	if (arg[0] >= HV_GDT_ENTRIES) {
		guest_kill(g, "GDT entry %u is out of range (at most %u)", arg[0],
			   HV_GDT_ENTRIES - 1);
		return 0;
	}
	if (!gdt_index_settable(arg[0])) {
		guest_kill(g, "GDT entry %u belongs to the hypervisor", arg[0]);
		return 0;
	}
	if (set_gdt_entry(g, arg[0], (struct desc){ arg[1], arg[2] }))
		revalidate(g);
	return 0;
}

uint32_t hc_load_tls(struct guest *g, const uint32_t *arg)
{
	struct desc tls[HV_GDT_TLS_ENTRIES];
	unsigned i;

	if (!guest_read(g, arg[0], tls, sizeof(tls))) {
		guest_kill(g, "TLS descriptors at 0x%08x are outside its memory",
			   arg[0]);
		return 0;
	}
	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++) {
		const char *why = checked_descriptor(g, HV_GDT_TLS_FIRST + i,
						     &tls[i]);

		if (why) {
			guest_kill(g, "bad TLS descriptor %u: %s", i, why);
			return 0;
		}
		g->gdt[HV_GDT_TLS_FIRST + i] = tls[i];
	}
	/* The fast path: only these three entries are copied on entry. */
	g->tls_changed = g->idt_changed = true;
	revalidate(g);
	return 0;
}

uint32_t hc_set_stack(struct guest *g, const uint32_t *arg)
{
	if (!kernel_stack_segment_ok(g->gdt, HV_GDT_ENTRIES, arg[0])) {
		guest_kill(g, "kernel stack segment 0x%x is not a ring-1 data "
			   "segment", arg[0]);
		return 0;
	}
	if (arg[2] == 0 || arg[2] > KSTACK_MAX_PAGES) {
		guest_kill(g, "kernel stack of %u pages (1 to %u)", arg[2],
			   KSTACK_MAX_PAGES);
		return 0;
	}
	g->kstack_ss = arg[0] & 0xFFFFu;      /* a selector: the low 16 bits */
	g->kstack_esp = arg[1];
	g->kstack_pages = arg[2];
	kstack_pin(g);              /* now: a bad stack is this call's fault */
	return 0;
}
