#include <lib/percpu.h>
#include <switcher/switcher.h>
#include "balance.h"
#include "fpu.h"
#include "guest.h"
#include "ipi.h"
#include "smp.h"

unsigned balance_moves;

static bool wants_cpu(const struct guest *g)
{
	return !g->paused && (g->state == GUEST_RUNNABLE ||
			      g->state == GUEST_RESTARTING);
}

/* Guests of CPU cpu that want to run: a glance at other CPUs' guests. */
static unsigned ready_on(unsigned cpu)
{
	unsigned i, n = 0;

	for (i = 0; i < nguests; i++)
		if (__atomic_load_n(&guests[i].cpu, __ATOMIC_ACQUIRE) == cpu &&
		    wants_cpu(&guests[i]))
			n++;
	return n;
}

/* A CPU with nothing to run, or -1. */
static int idle_cpu(void)
{
	unsigned cpu;

	for (cpu = 0; cpu < cpus_online; cpu++)
		if (!run_current_on(cpu) && ready_on(cpu) == 0)
			return (int)cpu;
	return -1;
}

static struct guest *movable_here(unsigned here)
{
	unsigned i;

	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[i];

		if (g->cpu == here && !g->pinned && g->state == GUEST_RUNNABLE &&
		    !g->paused)
			return g;
	}
	return NULL;
}

static void move(struct guest *g, unsigned from, unsigned to)
{
	fpu_leave_cpu(g);
	switcher_forget(from, g);
	g->moves++;
	__atomic_add_fetch(&balance_moves, 1, __ATOMIC_RELAXED);
	/* From here on g is the other CPU's: this one touches it no more. */
	guest_lock(g);
	__atomic_store_n(&g->cpu, to, __ATOMIC_RELEASE);
	guest_unlock(g);
	cpu_kick(to);
}

void balance_from_here(void)
{
	unsigned here = this_cpu()->index;
	struct guest *g;
	int to;

	if (cpus_online < 2 || ready_on(here) < 2)
		return;
	to = idle_cpu();
	if (to < 0 || !(g = movable_here(here)))
		return;
	move(g, here, (unsigned)to);
}
