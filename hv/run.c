/*
 * The run loop. Each pass for a guest: run a batch of what its last entry
 * asked for (its async ring, then a pending synchronous hypercall); once
 * all of that has run, deliver a virtual interrupt if one is due, enter it
 * through the switcher, then deal with why it came back. Guests share the
 * CPU round robin in time slices, and the slice is checked between
 * batches too, so no guest holds the CPU for more than a slice and a
 * batch however much work it queues. A halted guest, or one waiting for
 * its console output to go out, costs nothing until it can go on.
 */
#include <x86/io.h>
#include <lib/console.h>
#include <lib/percpu.h>
#include "clock.h"
#include "console_input.h"
#include "deliver.h"
#include "display.h"
#include "exits.h"
#include "guest.h"
#include "hypercall.h"
#include "timer.h"

#define SLICE_NS            10000000ull     /* 10 ms */
#define CALL_BATCH          8               /* ring slots per pass */

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
		if (&guests[i] != g && guests[i].state == GUEST_RUNNABLE &&
		    !guests[i].call_blocked && !guests[i].paused)
			return true;
	return false;
}

/*
 * Whether g may go on using the CPU: not once its slice is over and
 * another guest could run, nor while it waits for the console and another
 * could run. Alone, it gets a new slice.
 */
static bool slice_goes_on(struct guest *g, uint64_t *slice_end)
{
	if (g->call_blocked && others_runnable(g))
		return false;
	if (clock_ns() >= *slice_end) {
		if (others_runnable(g))
			return false;
		/* Alone: a new slice, not a timer already due. */
		*slice_end = clock_ns() + SLICE_NS;
	}
	return true;
}

/* Sleeps until the UART wants more (its interrupt) or a deadline. */
static void wait_for_console(uint64_t slice_end)
{
	timer_set_deadline(earliest_deadline(slice_end));
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/*
 * A HALT the guest asked for, once the entry's calls have all run: it
 * halts unless an interrupt is already pending, and only if its timer, or
 * console input it reads, could ever wake it.
 */
static void apply_halt(struct guest *g)
{
	if (!g->halt_requested)
		return;
	g->halt_requested = false;
	if (virq_pending(g))
		return;
	if (!g->timer_deadline && !console_input_can_wake(g)) {
		guest_kill(g, "halted with no timer set: it would never wake");
		return;
	}
	g->state = GUEST_HALTED;
}

static struct guest *current;

struct guest *run_current(void)
{
	return current;
}

static void run_slice(struct guest *g)
{
	uint64_t slice_end = clock_ns() + SLICE_NS;

	if (g->state == GUEST_RESTARTING && !guest_reload(g))
		return;
	current = g;
	/* Once a slice, not every pass: a UART read costs a microsecond on a
	 * real PC; it only catches an interrupt edge the 8259A missed. */
	console_input_poll();
	display_tick(false);
	while (g->state == GUEST_RUNNABLE && !g->paused) {
		uint32_t cr2;

		console_pump();
		check_all_timers();
		if (!hypercall_work(g, CALL_BATCH)) {
			if (g->state != GUEST_RUNNABLE ||
			    !slice_goes_on(g, &slice_end))
				break;
			if (g->call_blocked)
				wait_for_console(slice_end);
			continue;
		}
		apply_halt(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		virq_deliver(g);
		if (g->state != GUEST_RUNNABLE || !slice_goes_on(g, &slice_end))
			break;
		timer_set_deadline(earliest_deadline(slice_end));
		guest_enter(g, this_cpu()->index);
		if (g->state != GUEST_RUNNABLE)
			break;
		cr2 = read_cr2();
		guest_exit(g, cr2);
	}
	current = NULL;
	guest_release(g);
}

static struct guest *pick_next(unsigned *cursor)
{
	unsigned i;

	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[(*cursor + i) % nguests];

		if ((g->state == GUEST_RUNNABLE || g->state == GUEST_RESTARTING) &&
		    !g->paused) {
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
	display_tick(true);
	timer_set_deadline(earliest_deadline(clock_ns() + SLICE_NS));
	__asm__ volatile("sti; hlt; cli" ::: "memory");
	console_input_poll();       /* should an interrupt have been missed */
}

/* Guests that ended while they were not running (the monitor's kill). */
static void release_ended(void)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		guest_release(&guests[i]);
}

int guests_run(uint64_t frames_before)
{
	unsigned cursor = 0;

	while (any_alive()) {
		struct guest *g;

		release_ended();
		check_all_timers();
		g = pick_next(&cursor);
		if (g)
			run_slice(g);
		else
			idle();
	}
	release_ended();
	timer_stop();
	return guests_report(frames_before);
}
