#include "pv.h"
#include "sched.h"
#include "timer.h"

#define NS_PER_MS       1000000u

static volatile unsigned fired;
static bool ticking;

void timer_ticking(bool on)
{
	ticking = on;
	if (on)
		pv->timer_once(SCHED_TICK_MS * NS_PER_MS);
}

void timer_interrupt(bool from_user)
{
	fired++;
	pv->timer_ack();
	if (!ticking)
		return;
	pv->timer_once(SCHED_TICK_MS * NS_PER_MS);
	sched_tick(from_user);
}

/* In pieces the PIT can count, each ended by one interrupt. */
void os_sleep_ms(unsigned ms)
{
	uint64_t left = (uint64_t)ms * NS_PER_MS;

	while (left > 0) {
		uint32_t ns = left < OS_TIMER_MAX_NS ? (uint32_t)left : OS_TIMER_MAX_NS;
		unsigned before = fired;

		pv->timer_once(ns);
		while (fired == before)
			pv->wait_for_interrupt();
		pv->irq_disable();
		left -= ns;
	}
}
