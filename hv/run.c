/*
 * The run loop. Each pass for a guest: run its async ring and any pending
 * synchronous hypercall, deliver a virtual interrupt if one is due, enter
 * it through the switcher, then deal with why it came back. Guests share
 * the CPU round robin in time slices; a halted guest costs nothing until
 * its timer or another interrupt wakes it.
 */
#include <x86/io.h>
#include <lib/percpu.h>
#include "clock.h"
#include "deliver.h"
#include "exits.h"
#include "guest.h"
#include "hypercall.h"
#include "timer.h"

#define SLICE_NS            10000000ull     /* 10 ms */

static void check_timer(struct guest *g, uint64_t now)
{
	if (g->timer_deadline && now >= g->timer_deadline) {
		g->timer_deadline = 0;
		virq_raise(g, HV_IRQ_TIMER);
	}
}

static void check_all_timers(void)
{
	uint64_t now = clock_ns();
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]))
			check_timer(&guests[i], now);
}

static uint64_t earliest_deadline(uint64_t limit)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]) && guests[i].timer_deadline)
			limit = MIN(limit, guests[i].timer_deadline);
	return limit;
}

static bool others_runnable(const struct guest *g)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (&guests[i] != g && guests[i].state == GUEST_RUNNABLE)
			return true;
	return false;
}

/*
 * A HALT the guest asked for, once the entry's calls have all run: it
 * halts unless an interrupt is already pending, and only if its timer
 * could ever wake it.
 */
static void apply_halt(struct guest *g)
{
	if (!g->halt_requested)
		return;
	g->halt_requested = false;
	if (virq_pending(g))
		return;
	if (!g->timer_deadline) {
		guest_kill(g, "halted with no timer set: it would never wake");
		return;
	}
	g->state = GUEST_HALTED;
}

static void run_slice(struct guest *g)
{
	uint64_t slice_end = clock_ns() + SLICE_NS;

	if (g->state == GUEST_RESTARTING && !guest_reload(g))
		return;
	while (g->state == GUEST_RUNNABLE) {
		uint32_t cr2;

		hypercall_async_ring(g);
		apply_halt(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		check_all_timers();
		virq_deliver(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		if (clock_ns() >= slice_end) {
			if (others_runnable(g))
				break;
			/* Alone: a new slice, not a timer already due. */
			slice_end = clock_ns() + SLICE_NS;
		}
		timer_set_deadline(earliest_deadline(slice_end));
		guest_enter(g, this_cpu()->index);
		if (g->state != GUEST_RUNNABLE)
			break;
		cr2 = read_cr2();
		guest_exit(g, cr2);
	}
	guest_release(g);
}

static struct guest *pick_next(unsigned *cursor)
{
	unsigned i;

	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[(*cursor + i) % nguests];

		if (g->state == GUEST_RUNNABLE || g->state == GUEST_RESTARTING) {
			*cursor = (g->id + 1) % nguests;
			return g;
		}
	}
	return NULL;
}

static bool any_alive(void)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]) || guests[i].state == GUEST_RESTARTING)
			return true;
	return false;
}

static void idle(void)
{
	timer_set_deadline(earliest_deadline(clock_ns() + SLICE_NS));
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

int guests_run(uint64_t frames_before)
{
	unsigned cursor = 0;

	while (any_alive()) {
		struct guest *g;

		check_all_timers();
		g = pick_next(&cursor);
		if (g)
			run_slice(g);
		else
			idle();
	}
	timer_stop();
	return guests_report(frames_before);
}
