#include <lib/console.h>
#include "console_input.h"
#include "deliver.h"
#include "escape.h"
#include "guest.h"

#define POLL_MAX        64              /* bytes per interrupt, at most */

static unsigned focus;
static struct escape esc;
static bool started;

static bool focusable(const struct guest *g)
{
	return guest_alive(g) || g->state == GUEST_RESTARTING;
}

/* Moves the focus to the next guest that can take input, if any. */
static void focus_next(void)
{
	unsigned i;

	for (i = 1; i <= nguests; i++) {
		unsigned next = (focus + i) % nguests;

		if (focusable(&guests[next])) {
			focus = next;
			kprintf("console: input goes to %s\n", guests[focus].name);
			return;
		}
	}
}

static void deliver(uint8_t c)
{
	struct guest *g;

	if (!focusable(&guests[focus]))
		focus_next();
	g = &guests[focus];
	if (!focusable(g))
		return;                 /* every guest has stopped */
	inring_put(&g->input, c);
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

bool console_input_can_wake(const struct guest *g)
{
	uint32_t bit = 1u << (HV_IRQ_CONSOLE % 32);

	return g->reads_input &&
	       !(g->shared && (g->shared->blocked_irqs[HV_IRQ_CONSOLE / 32] & bit));
}
