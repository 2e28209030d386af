/*
 * The run loop, one on every CPU. Each guest has a home CPU (guest.h) and
 * only that CPU's loop runs it, so a guest's registers, shadow tables and
 * calls in progress are only ever touched there; other CPUs reach a guest
 * only through the guest lock (a virtual interrupt, a kill, a pause) and
 * then kick its CPU (ipi.h). Between slices a CPU may hand a guest to one
 * that is idle (balance.h).
 *
 * Each pass for a guest: run a batch of what its last entry asked for (its
 * async ring, then a pending synchronous hypercall); once all of that has
 * run, deliver a virtual interrupt if one is due, enter it through the
 * switcher, then deal with why it came back. The guests of a CPU share it
 * round robin in time slices, and the slice is checked between batches
 * too, so no guest holds the CPU for more than a slice and a batch however
 * much work it queues. A halted guest, or one waiting for its console
 * output to go out, costs nothing until it can go on; a CPU with nothing
 * to run halts.
 */
#include <x86/io.h>
#include <lib/console.h>
#include <lib/percpu.h>
#include "balance.h"
#include "clock.h"
#include "console_input.h"
#include "deliver.h"
#include "display.h"
#include "exits.h"
#include "guest.h"
#include "hypercall.h"
#include "ipi.h"
#include "smp.h"
#include "timer.h"

#define SLICE_NS            10000000ull     /* 10 ms */
#define CALL_BATCH          8               /* ring slots per pass */
#define BOOT_CPU            0               /* the console's and the screen's */

static struct guest *current[MAX_CPUS];
static volatile bool started;               /* the APs wait for it */
static uint32_t console_waiters;            /* CPUs halted for the UART */

/* Whether g's home is CPU cpu (the caller's: looked up once per loop). */
static bool home_is(const struct guest *g, unsigned cpu)
{
	return __atomic_load_n(&g->cpu, __ATOMIC_ACQUIRE) == cpu;
}

static void check_timer(struct guest *g, uint64_t now)
{
	if (g->timer_deadline && now >= g->timer_deadline) {
		/* Raised first: a sibling vCPU that finds the deadline gone
		 * finds the interrupt pending (vcpus_all_asleep). */
		virq_raise(g, HV_IRQ_TIMER);
		g->timer_deadline = 0;
	}
}

static void check_all_timers(void)
{
	uint64_t now = clock_ns();
	unsigned i, cpu = this_cpu()->index;

	for (i = 0; i < nguests; i++)
		if (home_is(&guests[i], cpu) && guest_alive(&guests[i]))
			check_timer(&guests[i], now);
}

static uint64_t earliest_deadline(uint64_t limit)
{
	unsigned i, cpu = this_cpu()->index;

	for (i = 0; i < nguests; i++)
		if (home_is(&guests[i], cpu) && guest_alive(&guests[i]) &&
		    guests[i].timer_deadline)
			limit = MIN(limit, guests[i].timer_deadline);
	return limit;
}

static bool others_runnable(const struct guest *g)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (&guests[i] != g && home_is(&guests[i], g->cpu) &&
		    guests[i].state == GUEST_RUNNABLE &&
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

static void halt_here(void)
{
	this_cpu()->idle_halts++;
	/* sti takes effect once hlt has begun: no wake-up is lost between. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/*
 * Sleeps until the UART wants more (its interrupt, which only the boot
 * CPU takes: it kicks the others, run_console_drained) or a deadline.
 */
static void wait_for_console(uint64_t slice_end)
{
	unsigned cpu = this_cpu()->index;

	if (cpu != BOOT_CPU)
		__atomic_or_fetch(&console_waiters, 1u << cpu, __ATOMIC_SEQ_CST);
	timer_set_deadline(earliest_deadline(slice_end));
	halt_here();
}

void run_console_drained(void)
{
	uint32_t waiting = __atomic_exchange_n(&console_waiters, 0,
					       __ATOMIC_SEQ_CST);
	unsigned cpu;

	for (cpu = 0; waiting; cpu++, waiting >>= 1)
		if (waiting & 1)
			cpu_kick(cpu);
}

/*
 * A HALT the guest asked for, once the entry's calls have all run: it
 * halts unless an interrupt is already pending, and only if its timer, or
 * console input it reads, could ever wake it; a vCPU of several, also if
 * a sibling still could.
 */
static void apply_halt(struct guest *g)
{
	bool never_wakes = false;

	if (!g->halt_requested)
		return;
	g->halt_requested = false;
	guest_lock(g);              /* against a virq_raise from another CPU */
	if (g->state == GUEST_RUNNABLE && !virq_pending(g)) {
		never_wakes = vcpu_asleep_for_good(g);
		if (!never_wakes || g->nvcpus > 1)
			g->state = GUEST_HALTED;
	}
	guest_unlock(g);
	if (never_wakes && g->nvcpus == 1)
		guest_kill(g, "halted with no timer set: it would never wake");
	else if (never_wakes && vcpus_all_asleep(g))
		guest_kill_whole(g, "every vCPU halted with no timer set: it "
				 "would never wake");
}

struct guest *run_current(void)
{
	return current[this_cpu()->index];
}

struct guest *run_current_on(unsigned cpu)
{
	return cpu < MAX_CPUS ? current[cpu] : NULL;
}

static void enter(struct guest *g)
{
	struct cpu *cpu = this_cpu();
	uint64_t t0 = clock_ns();

	guest_enter(g, cpu->index);
	cpu->guest_ns += clock_ns() - t0;
}

/* The passes of one slice; returns with g off the CPU. */
static void run_passes(struct guest *g)
{
	uint64_t slice_end = clock_ns() + SLICE_NS;

	while (g->state == GUEST_RUNNABLE && !g->paused) {
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
		vcpu_catch_up(g);
		if (g->state != GUEST_RUNNABLE || !slice_goes_on(g, &slice_end))
			break;
		timer_set_deadline(earliest_deadline(slice_end));
		enter(g);
		if (guest_exit_host_irq(g))
			continue;
		if (g->state != GUEST_RUNNABLE)
			break;
		guest_exit(g, read_cr2());
	}
}

static void run_slice(struct guest *g)
{
	unsigned cpu = this_cpu()->index;

	if (g->state == GUEST_RESTARTING && !guest_reload(g))
		return;
	current[cpu] = g;
	__atomic_store_n(&g->on_cpu, true, __ATOMIC_SEQ_CST);
	if (g->start_pending)
		vcpu_come_online(g);
	/* Once a slice, not every pass: a UART read costs a microsecond on a
	 * real PC; it only catches an interrupt edge the 8259A missed. */
	if (cpu == BOOT_CPU) {
		console_input_poll();
		display_tick(false);
	}
	run_passes(g);
	__atomic_store_n(&g->on_cpu, false, __ATOMIC_SEQ_CST);
	current[cpu] = NULL;
	guest_release(g);
}

static struct guest *pick_next(unsigned *cursor)
{
	unsigned i, cpu = this_cpu()->index;

	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[(*cursor + i) % nguests];

		if (home_is(g, cpu) && !g->paused && (g->state == GUEST_RUNNABLE ||
					      g->state == GUEST_RESTARTING)) {
			*cursor = (g->id + 1) % nguests;
			return g;
		}
	}
	return NULL;
}

/*
 * Nothing to run here: halt until a timer of a guest here is due, or a
 * kick. The boot CPU also wakes once a slice, for the screen and for a
 * console interrupt that might have been missed.
 */
static void idle(void)
{
	unsigned cpu = this_cpu()->index;
	uint64_t limit = cpu == BOOT_CPU ? clock_ns() + SLICE_NS : ~0ull;
	uint64_t deadline = earliest_deadline(limit);

	if (cpu == BOOT_CPU)
		display_tick(true);
	if (deadline == ~0ull)
		timer_stop();
	else
		timer_set_deadline(deadline);
	halt_here();
	if (cpu == BOOT_CPU)
		console_input_poll();
}

/* Guests here that ended while they were not running (the monitor's kill). */
static void release_ended(void)
{
	unsigned i, cpu = this_cpu()->index;

	for (i = 0; i < nguests; i++)
		if (home_is(&guests[i], cpu))
			guest_release(&guests[i]);
}

static void run_one_round(unsigned *cursor)
{
	struct guest *g;

	release_ended();
	check_all_timers();
	g = pick_next(cursor);
	if (g) {
		run_slice(g);
		balance_from_here();
	} else {
		idle();
	}
}

NORETURN void run_ap(void)
{
	unsigned cursor = 0;

	while (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
		cpu_relax();
	ipi_cpu_ready();
	for (;;)
		run_one_round(&cursor);
}

/* With several CPUs: how each spent the run. */
static void report_cpus(void)
{
	unsigned i;

	if (cpus_online < 2)
		return;
	for (i = 0; i < cpus_online; i++) {
		const struct cpu *c = &cpus[i];

		if (c->guest_ns)
			kprintf("cpu %u: {%llu} ms in guests, {%llu} idle halts\n",
				i, (unsigned long long)(c->guest_ns / 1000000),
				(unsigned long long)c->idle_halts);
		else if (c->idle_halts)
			kprintf("cpu %u: idle throughout: no time in guests, "
				"{%llu} halts\n", i,
				(unsigned long long)c->idle_halts);
		else
			kprintf("cpu %u: neither ran a guest nor halted\n", i);
	}
	kprintf("balancing: {%u} moves of a guest to an idle CPU\n",
		balance_moves);
}

int guests_run(uint64_t frames_before)
{
	unsigned cursor = 0;
	int status;

	ipi_cpu_ready();
	__atomic_store_n(&started, true, __ATOMIC_RELEASE);
	while (__atomic_load_n(&guests_ended, __ATOMIC_ACQUIRE) < nguests)
		run_one_round(&cursor);
	timer_stop();
	status = guests_report(frames_before);
	report_cpus();
	return status;
}
