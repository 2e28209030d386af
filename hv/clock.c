#include <x86/tsc.h>
#include "clock.h"
#include "timer.h"

static uint64_t tsc_hz, tsc_base;

void clock_use_tsc(uint64_t hz)
{
	tsc_hz = hz;
	tsc_base = rdtsc();
}

uint32_t clock_tsc_khz(void)
{
	return (uint32_t)(tsc_hz / 1000);
}

uint64_t clock_ns(void)
{
	uint64_t t;

	if (!tsc_hz)
		return host_timer.ticks * 1000000ull;
	t = rdtsc() - tsc_base;
	return t / tsc_hz * 1000000000ull + t % tsc_hz * 1000000000ull / tsc_hz;
}
