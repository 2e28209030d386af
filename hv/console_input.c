#include <lib/console.h>
#include "console_input.h"
#include "deliver.h"
#include "escape.h"
#include "guest.h"
#include "monitor.h"

#define POLL_MAX        64              /* bytes per interrupt, at most */

/* The focus goes round the guests, then the monitor (at nguests). */
static unsigned focus;
static struct escape esc;
static bool started;

static bool on_monitor(void)
{
	return focus == nguests;
}

/* A guest of several vCPUs takes input on vCPU 0 only. */
static bool focusable(unsigned at)
{
	const struct guest *g = &guests[at];

	return at == nguests ||
	       (!g->vcpu && (guest_alive(g) || g->state == GUEST_RESTARTING));
}

/* Moves the focus to the next guest that can take input, or the monitor. */
static void focus_next(void)
{
	unsigned i;

	if (on_monitor())
		monitor_leave();
	for (i = 1; i <= nguests + 1; i++) {
		unsigned next = (focus + i) % (nguests + 1);

		if (focusable(next)) {
			focus = next;
			break;
		}
	}
	if (on_monitor())
		monitor_enter();
	else
		kprintf("console: input goes to %s\n", guests[focus].name);
}

static void deliver(uint8_t c)
{
	struct guest *g;

	if (!focusable(focus))
		focus_next();
	if (on_monitor()) {
		monitor_key(c);
		return;
	}
	g = &guests[focus];
	guest_lock(g);              /* its reader may run on another CPU */
	inring_put(&g->input, c);
	guest_unlock(g);
	/* Only a reader has a handler for it; for others it would stay
	 * pending and keep every HALT from halting. */
	if (guest_alive(g) && g->reads_input)
		virq_raise(g, HV_IRQ_CONSOLE);
}

static void route(uint8_t c)
{
	uint8_t pass[ESCAPE_COUNT];
	unsigned n, i;

	if (escape_feed(&esc, c, pass, &n)) {
		focus_next();
		return;
	}
	for (i = 0; i < n; i++)
		deliver(pass[i]);
}

void console_input_start(void)
{
	if (!nguests)
		return;
	focus = 0;
	started = true;
	console_input_enable();
}

void console_input_poll(void)
{
	unsigned i;
	int c;

	for (i = 0; i < POLL_MAX && (c = console_getc()) >= 0; i++)
		if (started)
			route((uint8_t)c);
}

void console_input_key(uint8_t c)
{
	if (started)
		route(c);
}

bool console_input_can_wake(const struct guest *g)
{
	uint32_t bit = 1u << (HV_IRQ_CONSOLE % 32);

	return g->reads_input &&
	       !(g->shared && (g->shared->blocked_irqs[HV_IRQ_CONSOLE / 32] & bit));
}
