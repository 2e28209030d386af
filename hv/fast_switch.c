#include "fast_switch.h"

/*
 * The table is made again only when the shadow changed since it was made
 * here: its id and epoch name every state of its spaces and pins, and
 * most exits change none.
 */
static bool table_current(const struct guest *g, const struct switcher_cpu *sc)
{
	return sc->fast_id == g->shadow.id && sc->fast_epoch == g->shadow.epoch;
}

static void make_table(struct guest *g, unsigned cpu, struct switcher_cpu *sc)
{
	struct switcher_state *st = sc->state;
	struct shadow_ready ready[SWITCHER_FAST_SPACES];
	unsigned i, n;

	n = shadow_ready_spaces(&g->shadow, cpu, sc->guest_pt, ready,
				SWITCHER_FAST_SPACES);
	for (i = 0; i < n; i++)
		st->fast[i] = (struct fast_space){ ready[i].root, ready[i].cr3 };
	st->fast_count = n;
	/* After: making it may have pointed top slots at this CPU. */
	sc->fast_id = g->shadow.id;
	sc->fast_epoch = g->shadow.epoch;
}

void fast_switch_prepare(struct guest *g, unsigned cpu, struct switcher_cpu *sc)
{
	struct switcher_state *st = sc->state;

	/* No shared page, no ring to look at: every NEW_PGTABLE exits, and
	 * the slot shows nothing (not the last guest's page). */
	switcher_map_shared(sc, g->shared ? g->shared_hpa : 0);
	if (!g->shared) {
		st->fast_count = 0;
		sc->fast_id = 0;
	} else if (!table_current(g, sc)) {
		make_table(g, cpu, sc);
	}
	st->fast_ring_slot = g->async_next % HV_ASYNC_SLOTS;
	st->fast_kernel_address = g->shadow.kernel_address;
	sc->head->fast_switches = 0;
}

void fast_switch_adopt(struct guest *g, struct switcher_cpu *sc)
{
	/* Counted on the register page, which the guest could write too:
	 * statistics only, nothing below depends on it. */
	uint32_t switches = sc->head->fast_switches;

	g->shadow.stats.switches += switches;
	g->shadow.stats.fast_switches += switches;
	g->hypercalls += switches;
	if (sc->state->exit_cr3 != shadow_cr3(&g->shadow) &&
	    !shadow_adopt(&g->shadow, sc->state->exit_cr3))
		guest_kill(g, "hypervisor bug: it left on CR3 0x%08x, no shadow "
			   "of its own", sc->state->exit_cr3);
}
