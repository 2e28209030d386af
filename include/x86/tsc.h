/* The time-stamp counter: counts from the CPU's reset at a constant rate
 * on the machines this runs on; readable in every ring unless CR4.TSD. */
#ifndef X86_TSC_H
#define X86_TSC_H

#include <types.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
