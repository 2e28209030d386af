/*
 * How a guest ends: killed for breaking a rule, or shut down at its own
 * request. Either only marks it (see guest.h); guest_release(), from the
 * run loop, returns every frame it used to the allocator. The report at
 * the end says how each guest ended and checks the count.
 */
#include <stdarg.h>
#include <mm/mm.h>
#include <mm/window.h>
#include <switcher/switcher.h>
#include <lib/console.h>
#include <lib/fmt.h>
#include <lib/percpu.h>
#include <lib/spinlock.h>
#include "fpu.h"
#include "guest.h"
#include "ipi.h"
#include "trace.h"
#include "guest_console.h"
#include "options.h"
#include "power.h"
#include "smp.h"

static struct spinlock locks[MAX_GUESTS] = {
	[0 ... MAX_GUESTS - 1] = SPINLOCK_RANKED(LOCK_RANK_GUEST)
};

unsigned guests_ended;

void guest_lock(struct guest *g)
{
	spin_lock(&locks[g->id]);
}

void guest_unlock(struct guest *g)
{
	spin_unlock(&locks[g->id]);
}

void guest_count_ended(void)
{
	__atomic_add_fetch(&guests_ended, 1, __ATOMIC_RELEASE);
}

/* No CPU's switcher pages may say they hold g's tables any more. */
static void forget_loaded(struct guest *g)
{
	unsigned cpu;

	for (cpu = 0; cpu < cpus_online; cpu++)
		switcher_forget(cpu, g);
}

void guest_release(struct guest *g)
{
	if (!guest_ended(g) || !g->holds_memory)
		return;
	g->holds_memory = false;
	guest_console_flush(g);
	fpu_guest_gone(g);
	if (g->shared) {
		guest_lock(g);          /* the monitor may be reading it */
		g->shared = NULL;
		guest_unlock(g);
		shared_page_map(g->id, FRAME_NONE);
	}
	shadow_destroy(&g->shadow);
	forget_loaded(g);
	/* The last of its vCPUs out: none can be running on the memory. */
	if (vcpu_last_out(g))
		guest_mem_free(&vcpu_first(g)->mem, &hv_frames);
	if (g->state != GUEST_RESTARTING)
		guest_count_ended();
}

/*
 * The guest's fate is vCPU 0's state (vcpu.h): g, any of its vCPUs, kills
 * the whole guest, and the first reason wins; with several vCPUs and
 * whose set, the reason says which one did it.
 */
static void kill_guest(struct guest *g, bool whose, const char *fmt,
		       va_list ap)
{
	struct guest *v0 = vcpu_first(g);
	unsigned here = this_cpu()->index;
	size_t at = 0;

	guest_lock(v0);
	if (!guest_alive(v0)) {
		guest_unlock(v0);
		return;
	}
	if (whose && g->nvcpus > 1)
		at = fmt_snprintf(v0->end_reason, sizeof(v0->end_reason),
				  "vCPU %u: ", g->vcpu);
	fmt_vsnprintf(v0->end_reason + at, sizeof(v0->end_reason) - at, fmt, ap);
	v0->state = GUEST_KILLED;
	guest_unlock(v0);
	vcpus_stop_siblings(v0, GUEST_KILLED);
	trace(TRACE_KILL, g, 0, 0);
	/* Its unfinished line is its home CPU's to touch: flushed on release. */
	if (g->cpu == here)
		guest_console_flush(g);
	kprintf("guest %s killed: %s\n", v0->name, v0->end_reason);
	if (v0->cpu != here)
		cpu_kick(v0->cpu);
}

void guest_kill(struct guest *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kill_guest(g, true, fmt, ap);
	va_end(ap);
}

void guest_kill_whole(struct guest *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kill_guest(g, false, fmt, ap);
	va_end(ap);
}

/* A restart reloads one image into one vCPU: not for several. */
static bool may_restart(const struct guest *v0, uint32_t how)
{
	return how == HV_SHUTDOWN_RESTART && v0->nvcpus == 1 &&
	       v0->restarts < HV_MAX_RESTARTS;
}

static void stays_down(struct guest *v0, uint32_t status)
{
	if (v0->nvcpus > 1)
		kprintf("guest %s: a guest with %u vCPUs does not restart: it "
			"stays down\n", v0->name, v0->nvcpus);
	else
		kprintf("guest %s: restarted %u times: it stays down\n",
			v0->name, v0->restarts);
	v0->exit_status = status ? status : 1;
}

void guest_shutdown(struct guest *g, uint32_t how, uint32_t status)
{
	struct guest *v0 = vcpu_first(g);

	guest_lock(v0);
	if (!guest_alive(v0)) {
		guest_unlock(v0);
		return;
	}
	v0->exit_status = status;
	if (may_restart(v0, how)) {
		/* Reloaded by the run loop, once this exit is over. */
		v0->state = GUEST_RESTARTING;
		guest_unlock(v0);
		return;
	}
	v0->state = GUEST_SHUTDOWN;
	guest_unlock(v0);
	vcpus_stop_siblings(v0, GUEST_SHUTDOWN);
	if (how == HV_SHUTDOWN_RESTART)
		stays_down(v0, status);
	if (v0->cpu != this_cpu()->index)
		cpu_kick(v0->cpu);
}

/* With the "stats" option: how each guest used the hypervisor. */
static void report_stats(const struct guest *g)
{
	const struct shadow_stats *st = &g->shadow.stats;

	if (g->nvcpus > 1)
		kprintf("  %s vCPU %u:", g->name, g->vcpu);
	else
		kprintf("  %s:", g->name);
	kprintf(" {%llu} exits, {%llu} hypercalls, shadow: {%llu} faults "
		"filled, {%llu} reflected, {%llu} prefilled, {%llu} table loads "
		"({%llu} in the switcher), "
		"{%llu} evictions, {%llu} reclaims, at most {%u} of {%u} table "
		"frames; {%llu} waits for the console, {%llu} input bytes "
		"dropped\n",
		(unsigned long long)g->exits, (unsigned long long)g->hypercalls,
		(unsigned long long)st->faults_fixed,
		(unsigned long long)st->faults_reflected,
		(unsigned long long)st->prefills, (unsigned long long)st->switches,
		(unsigned long long)st->fast_switches,
		(unsigned long long)st->evictions,
		(unsigned long long)st->reclaims, g->shadow.frames.peak,
		g->shadow.frames.limit, (unsigned long long)g->console_waits,
		(unsigned long long)g->input.dropped);
}

int guests_report(uint64_t frames_before)
{
	int status = modules_refused ? POWER_FAILURE : POWER_SUCCESS;
	unsigned i;

	kprintf("guests: all stopped\n");
	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[i];

		if (g->vcpu) {          /* its fate is vCPU 0's */
			if (hv_options.stats)
				report_stats(g);
			continue;
		}
		if (g->state == GUEST_KILLED) {
			kprintf("  %s: killed: %s\n", g->name, g->end_reason);
			status = POWER_FAILURE;
		} else {
			kprintf("  %s: shut down, status %u", g->name,
				g->exit_status);
			if (g->restarts)
				kprintf(" (after %u restart%s)", g->restarts,
					g->restarts == 1 ? "" : "s");
			kprintf("\n");
			if (g->exit_status != 0)
				status = POWER_FAILURE;
		}
		if (hv_options.stats)
			report_stats(g);
	}
	if (hv_frames.free != frames_before) {
		kprintf("memory: %lld frames not returned by the guests\n",
			(long long)(frames_before - hv_frames.free));
		status = POWER_FAILURE;
	} else {
		kprintf("memory: every guest frame returned\n");
	}
	return status;
}
