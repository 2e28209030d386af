/*
 * The fuzzer's random numbers: xorshift32, one stream per case, derived
 * from the seed and the case number alone, so that any case can be
 * replayed without running the ones before it.
 */
#include "fuzz.h"

/* A 32-bit mix (from MurmurHash3's finaliser): nearby inputs part ways. */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85EBCA6Bu;
	x ^= x >> 13;
	x *= 0xC2B2AE35u;
	x ^= x >> 16;
	return x;
}

void rng_seed(struct rng *r, uint32_t seed, uint32_t stream)
{
	r->s = mix(mix(seed) ^ (stream * 0x9E3779B9u + 0x7F4A7C15u));
	if (r->s == 0)
		r->s = 1;           /* xorshift's one forbidden state */
}

uint32_t rng_next(struct rng *r)
{
	uint32_t x = r->s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	r->s = x;
	return x;
}

unsigned rng_below(struct rng *r, unsigned n)
{
	return n ? rng_next(r) % n : 0;
}

bool rng_chance(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}
