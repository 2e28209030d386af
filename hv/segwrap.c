/* Ring 3's 4 GiB data segments: see segwrap.h. */
#include <x86/cr.h>
#include <x86/exception.h>
#include "guest.h"
#include "segwrap.h"

static bool user_data(struct desc d)
{
	return (d.hi & DESC_S) && !(desc_type(d) & SEG_TYPE_CODE) &&
	       desc_dpl(d) == 3;
}

void segwrap_record(struct guest *g, unsigned index, struct desc asked,
		    struct desc cut)
{
	uint32_t bit = 1u << index;

	if (user_data(asked) && (asked.lo != cut.lo || asked.hi != cut.hi)) {
		g->gdt_asked[index] = asked;
		g->gdt_cut |= bit;
	} else {
		g->gdt_cut &= ~bit;
	}
}

/* The cut entries the data segment registers name. */
static uint32_t named_cut_entries(const struct guest *g)
{
	const struct trap_frame *r = &g->regs;
	const uint32_t sels[] = { r->ds, r->es, r->fs, r->gs };
	uint32_t mask = 0;
	unsigned i, index;

	for (i = 0; i < ARRAY_SIZE(sels); i++) {
		if (sels[i] & SEL_TI_LDT)
			continue;
		index = SEL_INDEX(sels[i] & 0xFFFFu);
		if (index < HV_GDT_ENTRIES && (g->gdt_cut & (1u << index)))
			mask |= 1u << index;
	}
	return mask;
}

bool segwrap_begin(struct guest *g)
{
	struct trap_frame *r = &g->regs;
	uint32_t mask;

	if ((r->cs & SEL_RPL_MASK) != 3 || r->error != 0)
		return false;
	mask = named_cut_entries(g);
	if (!mask)
		return false;
	g->wrap_mask = mask;
	g->wrap_tf = r->eflags & EFLAGS_TF;
	r->eflags |= EFLAGS_TF;
	g->gdt_changed = g->idt_changed = true;
	return true;
}

bool segwrap_end(struct guest *g, unsigned vector, bool *stepped)
{
	*stepped = g->wrap_mask != 0;
	if (!*stepped)
		return false;
	g->wrap_mask = 0;
	g->gdt_changed = g->idt_changed = true;
	if (!g->wrap_tf)
		g->regs.eflags &= ~EFLAGS_TF;
	/* The instruction ran; a guest single-stepping itself gets its #DB. */
	return vector == VEC_DEBUG && !g->wrap_tf;
}

struct desc segwrap_entry(const struct guest *g, unsigned index)
{
	return (g->wrap_mask & (1u << index)) ? g->gdt_asked[index] : g->gdt[index];
}

bool segwrap_direct_ok(const struct guest *g)
{
	return g->wrap_mask == 0;
}
