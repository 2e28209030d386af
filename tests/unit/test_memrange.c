/* Sets of physical ranges: page rounding, merging, removal, totals, a model. */
#include <mm/memrange.h>
#include "check.h"

#define P(n)    ((hpa_t)(n) * PAGE_SIZE)

static struct mem_range store[160];     /* > MODEL_PAGES / 2 */
static struct mem_ranges set;

static void reset(unsigned cap)
{
	memset(store, 0xA5, sizeof(store));
	set = (struct mem_ranges){ store, 0, cap, 0 };
}

/* The set holds exactly the n ranges in want (base, end pairs). */
static bool set_is(const hpa_t *want, unsigned n)
{
	unsigned i;

	if (set.n != n)
		return false;
	for (i = 0; i < n; i++)
		if (set.r[i].base != want[2 * i] || set.r[i].end != want[2 * i + 1])
			return false;
	return true;
}

#define SET_IS(...)                                                    \
	do {                                                           \
		static const hpa_t want_[] = { __VA_ARGS__ };          \
		CHECK(set_is(want_, ARRAY_SIZE(want_) / 2));           \
	} while (0)

static void test_add_shrinks_to_pages(void)
{
	reset(8);
	memranges_add(&set, 0x1001, 0x5FFF);
	SET_IS(P(2), P(5));
	memranges_add(&set, 0x10000, 0x10FFF);  /* no whole page */
	memranges_add(&set, 0x20800, 0x21800);  /* straddles, no whole page */
	memranges_add(&set, 0x30000, 0x30000);
	memranges_add(&set, 0x40000, 0x3F000);  /* end before base */
	SET_IS(P(2), P(5));
	CHECK_EQ(set.dropped, 0);
}

static void test_add_merges_overlap(void)
{
	reset(8);
	memranges_add(&set, P(10), P(20));
	memranges_add(&set, P(15), P(30));
	SET_IS(P(10), P(30));
	memranges_add(&set, P(5), P(12));
	SET_IS(P(5), P(30));
	memranges_add(&set, P(12), P(14));      /* inside */
	SET_IS(P(5), P(30));
	memranges_add(&set, P(0), P(100));      /* covers */
	SET_IS(P(0), P(100));
}

static void test_add_merges_touching(void)
{
	reset(8);
	memranges_add(&set, P(10), P(20));
	memranges_add(&set, P(20), P(30));
	SET_IS(P(10), P(30));
	memranges_add(&set, P(5), P(10));
	SET_IS(P(5), P(30));
	memranges_add(&set, P(40), P(50));
	memranges_add(&set, P(60), P(70));
	SET_IS(P(5), P(30), P(40), P(50), P(60), P(70));
	memranges_add(&set, P(30), P(60));      /* bridges three */
	SET_IS(P(5), P(70));
}

static void test_add_sorted_any_order(void)
{
	static const unsigned order[] = { 7, 2, 9, 0, 5, 3, 8, 1, 6, 4 };
	unsigned i;

	reset(16);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		memranges_add(&set, P(order[i] * 10), P(order[i] * 10 + 3));
	CHECK_EQ(set.n, 10);
	for (i = 0; i < set.n; i++) {
		CHECK_EQ(set.r[i].base, P(i * 10));
		CHECK_EQ(set.r[i].end, P(i * 10 + 3));
	}
}

static void test_add_above_4g(void)
{
	reset(8);
	memranges_add(&set, 0x100000000ull, 0x140000000ull);
	memranges_add(&set, 0x100000, 0x8000000);
	SET_IS(0x100000, 0x8000000, 0x100000000ull, 0x140000000ull);
}

static void test_add_near_top_of_space(void)
{
	reset(8);
	/* No whole page fits; rounding the base up must not wrap to 0. */
	memranges_add(&set, 0xFFFFFFFFFFFFF800ull, 0xFFFFFFFFFFFFFF00ull);
	CHECK_EQ(set.n, 0);
	memranges_add(&set, 0xFFFFFFFFFFFFE000ull, 0xFFFFFFFFFFFFFFFFull);
	SET_IS(0xFFFFFFFFFFFFE000ull, 0xFFFFFFFFFFFFF000ull);
}

static void test_remove_grows_to_pages(void)
{
	reset(8);
	memranges_add(&set, P(0), P(10));
	memranges_remove(&set, 0x2001, 0x2002); /* one byte: its whole page */
	SET_IS(P(0), P(2), P(3), P(10));
	memranges_remove(&set, 0x7FFF, 0x8001); /* two pages */
	SET_IS(P(0), P(2), P(3), P(7), P(9), P(10));
	memranges_remove(&set, P(5), P(5));     /* empty */
	SET_IS(P(0), P(2), P(3), P(7), P(9), P(10));
}

static void test_remove_whole_ranges(void)
{
	reset(8);
	memranges_add(&set, P(0), P(2));
	memranges_add(&set, P(4), P(6));
	memranges_add(&set, P(8), P(10));
	memranges_add(&set, P(12), P(14));
	memranges_remove(&set, P(3), P(11));
	SET_IS(P(0), P(2), P(12), P(14));
	memranges_remove(&set, P(12), P(14));
	SET_IS(P(0), P(2));
	memranges_remove(&set, 0, 0xFFFFFFFFFFFFF000ull);
	CHECK_EQ(set.n, 0);
}

static void test_remove_trims(void)
{
	reset(8);
	memranges_add(&set, P(10), P(20));
	memranges_add(&set, P(30), P(40));
	memranges_remove(&set, P(5), P(12));    /* head of the first */
	SET_IS(P(12), P(20), P(30), P(40));
	memranges_remove(&set, P(38), P(50));   /* tail of the second */
	SET_IS(P(12), P(20), P(30), P(38));
	memranges_remove(&set, P(18), P(32));   /* tail and head */
	SET_IS(P(12), P(18), P(32), P(38));
	memranges_remove(&set, P(20), P(30));   /* in the gap */
	SET_IS(P(12), P(18), P(32), P(38));
}

static void test_remove_splits(void)
{
	reset(8);
	memranges_add(&set, P(10), P(20));
	memranges_add(&set, P(30), P(40));
	memranges_remove(&set, P(13), P(15));
	SET_IS(P(10), P(13), P(15), P(20), P(30), P(40));
	CHECK_EQ(set.dropped, 0);
}

static void test_remove_to_top_of_space(void)
{
	reset(8);
	memranges_add(&set, P(0), P(16));
	memranges_add(&set, 0x100000000ull, 0x200000000ull);
	/* Rounding the end up must not wrap to 0 and remove nothing. */
	memranges_remove(&set, P(8), 0xFFFFFFFFFFFFFFFFull);
	SET_IS(P(0), P(8));
}

static void test_capacity_dropped(void)
{
	reset(3);
	memranges_add(&set, P(0), P(1));
	memranges_add(&set, P(10), P(11));
	memranges_add(&set, P(20), P(21));
	memranges_add(&set, P(30), P(31));      /* no room */
	CHECK_EQ(set.dropped, 1);
	SET_IS(P(0), P(1), P(10), P(11), P(20), P(21));
	memranges_add(&set, P(11), P(12));      /* merges: still fits */
	CHECK_EQ(set.dropped, 1);
	SET_IS(P(0), P(1), P(10), P(12), P(20), P(21));
	memranges_remove(&set, P(10), P(11));   /* trims: no new range */
	CHECK_EQ(set.dropped, 1);
	SET_IS(P(0), P(1), P(11), P(12), P(20), P(21));
	CHECK(store[3].base == 0xA5A5A5A5A5A5A5A5ull);  /* nothing past cap */
}

static void test_capacity_split_dropped(void)
{
	reset(2);
	memranges_add(&set, P(0), P(10));
	memranges_add(&set, P(20), P(30));
	/* A split needs a slot: the tail is lost, and counted. */
	memranges_remove(&set, P(3), P(5));
	CHECK_EQ(set.dropped, 1);
	SET_IS(P(0), P(3), P(20), P(30));
	CHECK(store[2].base == 0xA5A5A5A5A5A5A5A5ull);
}

static void test_totals(void)
{
	reset(8);
	CHECK_EQ(memranges_total(&set), 0);
	memranges_add(&set, P(0), P(10));
	memranges_add(&set, P(20), P(25));
	memranges_add(&set, 0x100000000ull, 0x100000000ull + P(100));
	CHECK_EQ(memranges_total(&set), P(115));
	CHECK_EQ(memranges_total_in(&set, 0, ~0ull), P(115));
	CHECK_EQ(memranges_total_in(&set, P(5), P(22)), P(5) + P(2));
	CHECK_EQ(memranges_total_in(&set, P(10), P(20)), 0);
	CHECK_EQ(memranges_total_in(&set, P(3), P(4)), P(1));
	CHECK_EQ(memranges_total_in(&set, P(24), 0x100000000ull + 0x800),
		 P(1) + 0x800);
	CHECK_EQ(memranges_total_in(&set, 4ull << 30, 8ull << 30), P(100));
	CHECK_EQ(memranges_total_in(&set, P(30), P(10)), 0);
}

/* The model: one flag per page of a 1 MiB space. */
#define MODEL_PAGES 256u

static bool model[MODEL_PAGES];
static uint32_t rng = 12345;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void model_set(hpa_t first, hpa_t last, bool v)
{
	hpa_t p;

	for (p = first; p < last && p < MODEL_PAGES; p++)
		model[p] = v;
}

/* The set as the model would have it: sorted, merged, page-aligned. */
static bool matches_model(void)
{
	unsigned i = 0, p = 0;

	while (p < MODEL_PAGES) {
		unsigned start;

		if (!model[p]) {
			p++;
			continue;
		}
		for (start = p; p < MODEL_PAGES && model[p]; p++)
			;
		if (i >= set.n || set.r[i].base != P(start) ||
		    set.r[i].end != P(p))
			return false;
		i++;
	}
	return i == set.n;
}

static void test_random_against_model(void)
{
	unsigned op, bad = 0, max_n = 0;

	reset(ARRAY_SIZE(store));
	memset(model, 0, sizeof(model));
	for (op = 0; op < 1000; op++) {
		hpa_t a = next_random() % (P(MODEL_PAGES) + 1);
		hpa_t b = next_random() % (P(MODEL_PAGES) + 1);
		hpa_t lo = MIN(a, b), hi = MAX(a, b);

		if (next_random() % 3) {
			memranges_add(&set, lo, hi);
			model_set(ALIGN_UP(lo, (hpa_t)PAGE_SIZE) / PAGE_SIZE,
				  ALIGN_DOWN(hi, (hpa_t)PAGE_SIZE) / PAGE_SIZE, true);
		} else {
			memranges_remove(&set, lo, hi);
			model_set(ALIGN_DOWN(lo, (hpa_t)PAGE_SIZE) / PAGE_SIZE,
				  ALIGN_UP(hi, (hpa_t)PAGE_SIZE) / PAGE_SIZE, false);
		}
		if (!matches_model())
			bad++;
		max_n = MAX(max_n, set.n);
	}
	CHECK(max_n >= 4);      /* the run did fragment the set */
	CHECK_EQ(bad, 0);
	CHECK_EQ(set.dropped, 0);
}

static void test_random_small_ranges(void)
{
	unsigned op, bad = 0, max_n = 0, pages, p;

	reset(ARRAY_SIZE(store));
	memset(model, 0, sizeof(model));
	for (op = 0; op < 1000; op++) {
		hpa_t lo = next_random() % P(MODEL_PAGES);
		hpa_t hi = MIN(lo + next_random() % P(6), P(MODEL_PAGES));

		if (next_random() % 2) {
			memranges_add(&set, lo, hi);
			model_set(ALIGN_UP(lo, (hpa_t)PAGE_SIZE) / PAGE_SIZE,
				  ALIGN_DOWN(hi, (hpa_t)PAGE_SIZE) / PAGE_SIZE, true);
		} else {
			memranges_remove(&set, lo, hi);
			model_set(ALIGN_DOWN(lo, (hpa_t)PAGE_SIZE) / PAGE_SIZE,
				  ALIGN_UP(hi, (hpa_t)PAGE_SIZE) / PAGE_SIZE, false);
		}
		if (!matches_model())
			bad++;
		max_n = MAX(max_n, set.n);
	}
	for (pages = 0, p = 0; p < MODEL_PAGES; p++)
		pages += model[p];
	CHECK(max_n >= 20);
	CHECK_EQ(bad, 0);
	CHECK_EQ(set.dropped, 0);
	CHECK_EQ(memranges_total(&set), P(pages));
	CHECK_EQ(memranges_total_in(&set, P(64), P(192)),
		 memranges_total(&set) - memranges_total_in(&set, 0, P(64)) -
		 memranges_total_in(&set, P(192), P(MODEL_PAGES)));
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_add_shrinks_to_pages),
		TEST_ENTRY(test_add_merges_overlap),
		TEST_ENTRY(test_add_merges_touching),
		TEST_ENTRY(test_add_sorted_any_order),
		TEST_ENTRY(test_add_above_4g),
		TEST_ENTRY(test_add_near_top_of_space),
		TEST_ENTRY(test_remove_grows_to_pages),
		TEST_ENTRY(test_remove_whole_ranges),
		TEST_ENTRY(test_remove_trims),
		TEST_ENTRY(test_remove_splits),
		TEST_ENTRY(test_remove_to_top_of_space),
		TEST_ENTRY(test_capacity_dropped),
		TEST_ENTRY(test_capacity_split_dropped),
		TEST_ENTRY(test_totals),
		TEST_ENTRY(test_random_against_model),
		TEST_ENTRY(test_random_small_ranges),
	};
	return check_main("memrange", tests, sizeof(tests) / sizeof(tests[0]));
}
