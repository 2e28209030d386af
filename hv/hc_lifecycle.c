/*
 * Hypercalls about the guest itself: registering the shared page, its end
 * (crash, shutdown), halting and its timer, the wall clock, the console and
 * the task-switched flag for lazy FPU.
 */
#include <mm/window.h>
#include <lib/console.h>
#include <lib/percpu.h>
#include "clock.h"
#include "deliver.h"
#include "guest.h"
#include "guest_access.h"
#include "guest_console.h"
#include "hc_handlers.h"
#include "rtc.h"

#define CRASH_MESSAGE_MAX   120u

bool shared_page_usable(struct guest *g, gpa_t gpa)
{
	if (gpa & (PAGE_SIZE - 1)) {
		guest_kill(g, "shared page at 0x%08llx is not page-aligned",
			   (unsigned long long)gpa);
		return false;
	}
	if (gpa >= g->mem.bytes) {
		guest_kill(g, "shared page at 0x%08llx is outside its memory",
			   (unsigned long long)gpa);
		return false;
	}
	return true;
}

void shared_page_attach(struct guest *g, gpa_t gpa)
{
	struct hv_shared *shared;

	g->shared_hpa = guest_mem_hpa(&g->mem, gpa);
	shared = shared_page_map(g->id, g->shared_hpa);
	shared->reserve_top = g->shadow.reserve_top;
	shared->time_ns = clock_ns();
	g->shared_gpa = gpa;
	g->async_next = 0;
	guest_lock(g);              /* the monitor may be reading it */
	g->shared = shared;
	guest_unlock(g);
}

uint32_t hc_register(struct guest *g, const uint32_t *arg)
{
	gpa_t gpa = arg[0];

	if (g->shared) {
		guest_kill(g, "registered its shared page twice");
		return 0;
	}
	if (!shared_page_usable(g, gpa))
		return 0;
	if (arg[1] != HV_PT_2LEVEL && arg[1] != HV_PT_PAE) {
		guest_kill(g, "unknown page-table format %u", arg[1]);
		return 0;
	}
	g->pt_format = arg[1];
	if (arg[1] == HV_PT_PAE && g->shadow.host_mode == PAGING_2LEVEL)
		kprintf("guest %s: PAE page tables on a 2-level host: no-execute "
			"is not enforced\n", g->name);
	else if (arg[1] == HV_PT_PAE && !g->shadow.host_nx)
		kprintf("guest %s: PAE page tables on a host without NX: "
			"no-execute is not enforced\n", g->name);
	shared_page_attach(g, gpa);
	return 0;
}

/* The ring runs before every call: there is nothing left to do. */
uint32_t hc_flush_async(struct guest *g, const uint32_t *arg)
{
	(void)g;
	(void)arg;
	return 0;
}

uint32_t hc_crash(struct guest *g, const uint32_t *arg)
{
	char msg[CRASH_MESSAGE_MAX];
	size_t i;

	if (!guest_read_string(g, arg[0], msg, sizeof(msg))) {
		guest_kill(g, "crashed (message at 0x%08x unreadable)", arg[0]);
		return 0;
	}
	/* One line, with nothing that could pose as another console line. */
	for (i = 0; msg[i]; i++)
		if ((unsigned char)msg[i] < ' ' || (unsigned char)msg[i] >= 0x7F)
			msg[i] = '.';
	guest_kill(g, "crashed: %s", msg);
	return 0;
}

uint32_t hc_shutdown(struct guest *g, const uint32_t *arg)
{
	if (arg[0] != HV_SHUTDOWN_POWEROFF && arg[0] != HV_SHUTDOWN_RESTART)
		guest_kill(g, "unknown shutdown kind %u", arg[0]);
	else
		guest_shutdown(g, arg[0], arg[1]);
	return 0;
}

uint32_t hc_ts(struct guest *g, const uint32_t *arg)
{
	g->guest_ts = arg[0] != 0;
	return 0;
}

uint32_t hc_set_timer(struct guest *g, const uint32_t *arg)
{
	uint64_t ns = ((uint64_t)arg[1] << 32) | arg[0], now = clock_ns();

	/* A deadline past the end of time waits forever, never wraps. */
	g->timer_deadline = !ns ? 0 : ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
	return 0;
}

/*
 * HALT, synchronous or in the async ring, takes effect once everything
 * this entry asked for has run (the rest of the ring, the synchronous
 * call): the run loop applies it (run.c).
 */
uint32_t hc_halt(struct guest *g, const uint32_t *arg)
{
	(void)arg;
	g->halt_requested = true;
	return 0;
}

/*
 * Restartable: when the guest's console share is full the call stops,
 * marks itself blocked and is run again later; console_done says how far
 * it got, so no byte is written twice.
 */
uint32_t hc_console_write(struct guest *g, const uint32_t *arg)
{
	char buf[256];
	uint32_t len = arg[1];

	if (len > HV_CONSOLE_MAX) {
		guest_kill(g, "console write of %u bytes (at most %u)", len,
			   HV_CONSOLE_MAX);
		return 0;
	}
	while (g->console_done < len) {
		uint32_t n = MIN(len - g->console_done, (uint32_t)sizeof(buf));
		size_t took;

		if (!guest_read(g, arg[0] + g->console_done, buf, n)) {
			guest_kill(g, "console write outside its memory "
				   "(0x%08x, %u bytes)", arg[0], arg[1]);
			return 0;
		}
		took = guest_console_put(g, buf, n);
		g->console_done += (uint32_t)took;
		if (took < n) {
			g->call_blocked = true;
			g->console_waits++;
			return 0;
		}
	}
	g->console_done = 0;
	return len;
}

uint32_t hc_wall_clock(struct guest *g, const uint32_t *arg)
{
	(void)g;
	(void)arg;
	return (uint32_t)rtc_epoch_seconds();
}

/* Which vCPU of the guest calls, and on which physical CPU. */
uint32_t hc_where(struct guest *g, const uint32_t *arg)
{
	(void)arg;
	return g->vcpu << 16 | this_cpu()->index;
}

/* Non-blocking: what has arrived, up to the length; 0 when nothing has. */
uint32_t hc_console_read(struct guest *g, const uint32_t *arg)
{
	uint8_t buf[256];
	uint32_t len = arg[1], done = 0;

	if (len > HV_CONSOLE_MAX) {
		guest_kill(g, "console read of %u bytes (at most %u)", len,
			   HV_CONSOLE_MAX);
		return 0;
	}
	if (!guest_writable(g, arg[0], len)) {
		guest_kill(g, "console read into memory it cannot write "
			   "(0x%08x, %u bytes)", arg[0], len);
		return 0;
	}
	g->reads_input = true;
	guest_console_show(g);          /* its prompt, before it waits */
	while (done < len) {
		size_t n;

		guest_lock(g);          /* the boot CPU puts what arrives */
		n = inring_take(&g->input, buf, MIN(len - done,
						    (uint32_t)sizeof(buf)));
		guest_unlock(g);
		if (!n)
			break;
		guest_write(g, arg[0] + done, buf, n);
		done += (uint32_t)n;
	}
	return done;
}
