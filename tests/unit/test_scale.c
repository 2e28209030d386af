/* Ticks to time by a fixed-point factor: exact against 128-bit arithmetic,
 * and within a few parts in a billion of the division it replaces. */
#include <lib/scale.h>
#include "check.h"

static uint64_t exact(uint64_t x, uint64_t factor)
{
	return (uint64_t)(((unsigned __int128)x * factor) >> 32);
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
		uint64_t t = hz * 3600, want = (uint64_t)((unsigned __int128)t *
							  1000000000 / hz);
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
