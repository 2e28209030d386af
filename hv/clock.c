#include <x86/tsc.h>
#include <lib/scale.h>
#include "clock.h"
#include "timer.h"

static uint64_t tsc_hz, tsc_base, ns_factor;

void clock_use_tsc(uint64_t hz)
{
	tsc_hz = hz;
	ns_factor = hz ? scale_factor(1000000000, hz) : 0;
	tsc_base = rdtsc();
}

uint32_t clock_tsc_khz(void)
{
	return (uint32_t)(tsc_hz / 1000);
}

uint64_t clock_ns(void)
{
	if (!tsc_hz)
		return host_timer.ticks * 1000000ull;
	return scale(rdtsc() - tsc_base, ns_factor);
}
