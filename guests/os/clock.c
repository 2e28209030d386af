#include <x86/tsc.h>
#include <lib/scale.h>
#include "clock.h"
#include "pv.h"

static uint32_t khz;
static uint64_t ns_factor, first_process;

void clock_init(void)
{
	khz = pv->tsc_khz();
	if (!khz)
		khz = 1;        /* no rate: the figures will say so */
	ns_factor = scale_factor(1000000, khz);
}

uint64_t clock_ns(void)
{
	return scale(rdtsc(), ns_factor);
}

uint32_t clock_khz(void)
{
	return khz;
}

void clock_mark_first_process(void)
{
	if (!first_process)
		first_process = clock_ns();
}

uint64_t clock_first_process_ns(void)
{
	return first_process;
}
