/*
 * evil-spin breaks the rule "a guest must not keep the CPU": it spins with
 * its virtual interrupts disabled. That must not stop the others: the
 * host timer preempts it anyway, so hello runs and finishes meanwhile.
 * The spin is bounded, so that the test ends: after 2 s of hypervisor time
 * it crashes itself. hv_self()->time_ns only moves when the hypervisor
 * enters the guest again, so the loop also ends only if it was preempted.
 */
#include <stdio.h>
#include "hv.h"

#define SPIN_NS 2000000000ull

/* The hypervisor updates time_ns between entries: read it anew each time.
 * Two 32-bit loads cannot tear, since it never changes while we run. */
static uint64_t now(void)
{
	return *(volatile uint64_t *)&hv_self()->time_ns;
}

int main(void)
{
	uint64_t start;

	irq_disable();
	printf("spinning for 2 s with interrupts disabled\n");
	start = now();
	while (now() - start < SPIN_NS)
		;
	hv_crash("spun for 2 s");
}
