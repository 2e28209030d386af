/*
 * Counter ticks to time without a division at each reading: a rate's
 * reciprocal is worked out once as a 32.32 fixed-point factor, and each
 * reading is one multiplication by it. On a 32-bit CPU a 64-bit division
 * is a library call of hundreds of instructions; this is four multiplies.
 */
#ifndef LIB_SCALE_H
#define LIB_SCALE_H

#include <types.h>

/* The factor for turning ticks of a hz counter into units of which there
 * are per_second in a second (1000000000 for nanoseconds); per_second
 * below 2^32 and hz not 0. */
static inline uint64_t scale_factor(uint64_t per_second, uint64_t hz)
{
	return (per_second << 32) / hz;
}

/* floor(x * factor / 2^32), exact, modulo 2^64. */
static inline uint64_t scale(uint64_t x, uint64_t factor)
{
	uint32_t xl = (uint32_t)x, xh = (uint32_t)(x >> 32);
	uint32_t fl = (uint32_t)factor, fh = (uint32_t)(factor >> 32);

	return ((uint64_t)xl * fl >> 32) + (uint64_t)xl * fh +
	       (uint64_t)xh * fl + ((uint64_t)xh * fh << 32);
}

#endif
