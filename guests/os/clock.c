#include <x86/tsc.h>
#include "clock.h"
#include "pv.h"

static uint32_t khz;
static uint64_t first_process;

void clock_init(void)
{
	khz = pv->tsc_khz();
	if (!khz)
		khz = 1;        /* no rate: the figures will say so */
}

uint64_t clock_ns(void)
{
	uint64_t t = rdtsc();

	/* In two parts, so that the product cannot overflow. */
	return t / khz * 1000000u + t % khz * 1000000u / khz;
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
