/* Ticks to time by a fixed-point factor: exact against a 128-bit product,
 * and within a few parts in a billion of the division it replaces. */
#include <lib/scale.h>
#include "check.h"

/* Bits 32-95 of the 128-bit product x * factor, by long multiplication
 * with every carry kept (i386 compilers have no 128-bit integers). */
static uint64_t exact(uint64_t x, uint64_t factor)
{
	uint64_t xl = (uint32_t)x, xh = x >> 32;
	uint64_t fl = (uint32_t)factor, fh = factor >> 32;
	uint64_t ll = xl * fl, lh = xl * fh, hl = xh * fl, hh = xh * fh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	uint64_t high = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	return (high << 32) | (uint32_t)mid;
}

/* A reproducible spread of values, small and large. */
static uint64_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> (*s & 63);
}

static void test_exact_product(void)
{
	uint64_t s = 1;
	unsigned i;

	for (i = 0; i < 100000; i++) {
		uint64_t x = next(&s), f = next(&s);

		CHECK_EQ(scale(x, f), exact(x, f));
	}
	CHECK_EQ(scale(~0ull, ~0ull), exact(~0ull, ~0ull));
	CHECK_EQ(scale(0, ~0ull), 0);
	CHECK_EQ(scale(1ull << 32, 1), 1);
}

/* The rates the hypervisor meets, from a slow TSC to a fast one: an
 * hour's ticks come out within two parts in a billion of t * 1e9 / hz
 * (the factor's rounding), never above it, and a later reading is never
 * smaller. */
static void test_against_division(void)
{
	static const uint64_t rates[] = { 1000000, 99999989, 1193182,
					  2099355000, 3999999999ull, 5000000000ull };
	unsigned i;

	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		uint64_t hz = rates[i], f = scale_factor(1000000000, hz);
		/* t * 1e9 / hz, exactly: an hour in nanoseconds. */
		uint64_t t = hz * 3600, want = 3600ull * 1000000000;
		uint64_t got = scale(t, f);

		CHECK(got <= want);
		CHECK(want - got <= want / 500000000 + 1);
		CHECK(scale(t + 1, f) >= got);
	}
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_exact_product),
		TEST_ENTRY(test_against_division),
	};
	return check_main("scale", tests, sizeof(tests) / sizeof(tests[0]));
}
