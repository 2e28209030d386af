/*
 * chatter: prints a few numbered lines with a short timer sleep between
 * them, so that several instances running at once interleave their output
 * (see tests/integration/guest-three); each checks that it really slept.
 */
#include <stdio.h>
#include "hv.h"

#define LINES           6
#define SLEEP_NS        5000000ull      /* 5 ms */
#define TIMER_VECTOR    (HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER)

static volatile unsigned ticks;

static void tick(struct trap_regs *regs)
{
	(void)regs;
	ticks++;
}

static void sleep_ns(uint64_t ns)
{
	unsigned before = ticks;

	hcall(HV_CALL_SET_TIMER, (uint32_t)ns, (uint32_t)(ns >> 32), 0, 0);
	while (ticks == before)
		hv_halt_irq();
	irq_disable();
}

int main(void)
{
	uint64_t start = hv_time_ns();
	int i;

	trap_install(TIMER_VECTOR, tick, 0, 0);
	for (i = 1; i <= LINES; i++) {
		printf("%s says line %d of %d\n", hv_boot->name, i, LINES);
		sleep_ns(SLEEP_NS);
	}
	check(ticks == LINES && hv_time_ns() - start >= LINES * SLEEP_NS,
	      "%d sleeps of 5 ms, each ended by its timer", LINES);
	return check_summary();
}
