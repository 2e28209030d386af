/* The frame allocator over simulated memory: placement, zones, order, frees. */
#include <stdlib.h>
#include <mm/frame.h>
#include "check.h"
#include "sim_phys.h"

#define DIRECT_LIMIT    (16ull * MiB)
#define HIGH_BASE       (4ull * GiB)
#define TOP             (HIGH_BASE + 8 * MiB)

/*
 * A: 16 pages, too small for the bitmap.  B: holds the bitmap.
 * C: straddles the direct limit.  D: above 4 GiB, never touched.
 */
static const struct mem_range layout[] = {
	{ 1 * MiB, 1 * MiB + 64 * KiB },
	{ 2 * MiB, 4 * MiB },
	{ 15 * MiB, 17 * MiB },
	{ HIGH_BASE, TOP },
};

/* One bit per frame up to TOP, in 32-bit words, in whole pages. */
#define BITMAP_PAGES    (ALIGN_UP((TOP / PAGE_SIZE + 31) / 32 * 4, \
				  (uint64_t)PAGE_SIZE) / PAGE_SIZE)
#define BITMAP_PA       (2 * MiB)
#define NFRAMES_A       16u
#define NFRAMES_B       (512u - BITMAP_PAGES)
#define TOTAL           (NFRAMES_A + NFRAMES_B + 512u + 2048u)
#define TOTAL_DIRECT    (NFRAMES_A + NFRAMES_B + 256u)

static struct mem_range store[8];
static struct mem_ranges usable;
static struct frame_pool pool;
static bool seen[TOP / PAGE_SIZE];

static void ranges_from(const struct mem_range *r, unsigned n)
{
	unsigned i;

	usable = (struct mem_ranges){ store, 0, ARRAY_SIZE(store), 0 };
	for (i = 0; i < n; i++)
		memranges_add(&usable, r[i].base, r[i].end);
}

static bool setup(void)
{
	sim_reset();
	ranges_from(layout, ARRAY_SIZE(layout));
	return frame_pool_init(&pool, &usable, DIRECT_LIMIT);
}

/* A frame the pool may hand out: usable, and not the bitmap's. */
static bool allocatable(hpa_t pa)
{
	unsigned i;

	if (pa >= BITMAP_PA && pa < BITMAP_PA + BITMAP_PAGES * PAGE_SIZE)
		return false;
	for (i = 0; i < ARRAY_SIZE(layout); i++)
		if (pa >= layout[i].base && pa + PAGE_SIZE <= layout[i].end)
			return true;
	return false;
}

static void test_bitmap_placement(void)
{
	uint64_t i;

	CHECK(setup());
	CHECK_EQ(BITMAP_PAGES, 33);
	CHECK_EQ(pool.bitmap_pa, BITMAP_PA);
	CHECK(pool.bitmap == sim_ptr(BITMAP_PA));
	for (i = 0; i < BITMAP_PAGES; i++)
		CHECK(!frame_is_free(&pool, BITMAP_PA + i * PAGE_SIZE));
	CHECK(frame_is_free(&pool, BITMAP_PA + BITMAP_PAGES * PAGE_SIZE));
	CHECK(frame_is_free(&pool, 1 * MiB));
}

static void test_totals(void)
{
	CHECK(setup());
	CHECK_EQ(pool.nframes, TOP / PAGE_SIZE);
	CHECK_EQ(pool.direct_frames, DIRECT_LIMIT / PAGE_SIZE);
	CHECK_EQ(pool.total, TOTAL);
	CHECK_EQ(pool.free, TOTAL);
	CHECK_EQ(pool.free_direct, TOTAL_DIRECT);
}

static void test_is_free_outside_ranges(void)
{
	CHECK(setup());
	CHECK(!frame_is_free(&pool, 0));
	CHECK(!frame_is_free(&pool, 1 * MiB + 64 * KiB));
	CHECK(!frame_is_free(&pool, 8 * MiB));
	CHECK(!frame_is_free(&pool, HIGH_BASE - PAGE_SIZE));
	CHECK(frame_is_free(&pool, HIGH_BASE));
	CHECK(frame_is_free(&pool, TOP - PAGE_SIZE));
	CHECK(!frame_is_free(&pool, TOP));
	CHECK(!frame_is_free(&pool, 1ull << 40));
}

static void test_direct_lowest_first(void)
{
	hpa_t pa, prev = 0;
	unsigned n = 0, bad = 0;

	CHECK(setup());
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), 1 * MiB);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), 1 * MiB + PAGE_SIZE);
	prev = 1 * MiB + PAGE_SIZE;
	n = 2;
	while ((pa = frame_alloc(&pool, FRAME_DIRECT)) != FRAME_NONE) {
		if (pa <= prev || pa >= DIRECT_LIMIT || !allocatable(pa))
			bad++;
		if (n == NFRAMES_A)
			CHECK_EQ(pa, BITMAP_PA + BITMAP_PAGES * PAGE_SIZE);
		prev = pa;
		n++;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(n, TOTAL_DIRECT);
	CHECK_EQ(prev, DIRECT_LIMIT - PAGE_SIZE);
	CHECK_EQ(pool.free_direct, 0);
}

static void test_direct_exhausted_high_remains(void)
{
	unsigned i;

	CHECK(setup());
	for (i = 0; i < TOTAL_DIRECT; i++)
		frame_alloc(&pool, FRAME_DIRECT);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), FRAME_NONE);
	CHECK_EQ(pool.free, TOTAL - TOTAL_DIRECT);
	CHECK_EQ(frame_alloc(&pool, FRAME_ANY), TOP - PAGE_SIZE);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), FRAME_NONE);
}

static void test_any_highest_first(void)
{
	hpa_t pa, prev = ~0ull;
	unsigned n = 0, bad = 0;

	CHECK(setup());
	while ((pa = frame_alloc(&pool, FRAME_ANY)) != FRAME_NONE) {
		if (pa >= prev || !allocatable(pa))
			bad++;
		if (n == 0)
			CHECK_EQ(pa, TOP - PAGE_SIZE);
		if (n == 2047)
			CHECK_EQ(pa, HIGH_BASE);
		if (n == 2048)
			CHECK_EQ(pa, 17 * MiB - PAGE_SIZE);
		prev = pa;
		n++;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(n, TOTAL);
	CHECK_EQ(prev, 1 * MiB);
	CHECK_EQ(pool.free, 0);
	CHECK_EQ(pool.free_direct, 0);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), FRAME_NONE);
}

/* Alternates the zones until both are dry; returns how many were given. */
static unsigned drain(unsigned *dups, unsigned *strays)
{
	unsigned n = 0, i = 0;
	hpa_t pa;

	memset(seen, 0, sizeof(seen));
	*dups = *strays = 0;
	for (;; i++) {
		pa = frame_alloc(&pool, i % 3 ? FRAME_ANY : FRAME_DIRECT);
		if (pa == FRAME_NONE)
			pa = frame_alloc(&pool, FRAME_ANY);
		if (pa == FRAME_NONE)
			return n;
		if (!allocatable(pa) || pa >= TOP) {
			(*strays)++;
			continue;
		}
		if (seen[pa / PAGE_SIZE])
			(*dups)++;
		seen[pa / PAGE_SIZE] = true;
		n++;
	}
}

static void test_no_frame_twice(void)
{
	unsigned dups, strays;

	CHECK(setup());
	CHECK_EQ(drain(&dups, &strays), TOTAL);
	CHECK_EQ(dups, 0);
	CHECK_EQ(strays, 0);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), FRAME_NONE);
	CHECK_EQ(frame_alloc(&pool, FRAME_ANY), FRAME_NONE);
}

static void test_free_refusals(void)
{
	hpa_t a;
	uint64_t free_before, direct_before;

	CHECK(setup());
	a = frame_alloc(&pool, FRAME_DIRECT);
	free_before = pool.free;
	direct_before = pool.free_direct;
	CHECK(!frame_free(&pool, a + 0x10));            /* unaligned */
	CHECK(!frame_is_free(&pool, a));
	CHECK(!frame_free(&pool, a + PAGE_SIZE));       /* never given out */
	CHECK(!frame_free(&pool, TOP));                 /* past the bitmap */
	CHECK(!frame_free(&pool, 1ull << 40));
	CHECK(!frame_free(&pool, ~0ull & PAGE_MASK));
	CHECK_EQ(pool.free, free_before);
	CHECK_EQ(pool.free_direct, direct_before);
	CHECK(frame_free(&pool, a));
	CHECK_EQ(pool.free, free_before + 1);
	CHECK_EQ(pool.free_direct, direct_before + 1);
	CHECK(!frame_free(&pool, a));                   /* double free */
	CHECK_EQ(pool.free, free_before + 1);
	CHECK_EQ(pool.free_direct, direct_before + 1);
}

static void test_free_high_leaves_direct_count(void)
{
	hpa_t a;

	CHECK(setup());
	a = frame_alloc(&pool, FRAME_ANY);
	CHECK_EQ(a, TOP - PAGE_SIZE);
	CHECK_EQ(pool.free, TOTAL - 1);
	CHECK_EQ(pool.free_direct, TOTAL_DIRECT);
	CHECK(frame_free(&pool, a));
	CHECK_EQ(pool.free, TOTAL);
	CHECK_EQ(pool.free_direct, TOTAL_DIRECT);
}

static void test_free_then_realloc(void)
{
	hpa_t first_direct, first_any;
	unsigned i;

	CHECK(setup());
	first_direct = frame_alloc(&pool, FRAME_DIRECT);
	first_any = frame_alloc(&pool, FRAME_ANY);
	for (i = 0; i < 100; i++) {     /* move the searches well along */
		frame_alloc(&pool, FRAME_DIRECT);
		frame_alloc(&pool, FRAME_ANY);
	}
	CHECK(frame_free(&pool, first_direct));
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), first_direct);
	CHECK(frame_free(&pool, first_any));
	CHECK_EQ(frame_alloc(&pool, FRAME_ANY), first_any);
	CHECK(!frame_is_free(&pool, first_any));
}

static void test_free_everything_restores(void)
{
	static hpa_t given[TOTAL];
	unsigned n = 0, i, refused = 0;
	hpa_t pa;

	CHECK(setup());
	while ((pa = frame_alloc(&pool, n % 2 ? FRAME_ANY : FRAME_DIRECT)) !=
	       FRAME_NONE || (pa = frame_alloc(&pool, FRAME_ANY)) != FRAME_NONE)
		given[n++] = pa;
	CHECK_EQ(n, TOTAL);
	srand(7);
	for (i = n; i > 1; i--) {       /* free in a shuffled order */
		unsigned j = (unsigned)rand() % i;
		hpa_t t = given[i - 1];

		given[i - 1] = given[j];
		given[j] = t;
	}
	for (i = 0; i < n; i++)
		refused += !frame_free(&pool, given[i]);
	CHECK_EQ(refused, 0);
	CHECK_EQ(pool.free, TOTAL);
	CHECK_EQ(pool.free_direct, TOTAL_DIRECT);
	CHECK_EQ(pool.total, TOTAL);
	CHECK_EQ(frame_alloc(&pool, FRAME_DIRECT), 1 * MiB);
	CHECK_EQ(frame_alloc(&pool, FRAME_ANY), TOP - PAGE_SIZE);
}

static void test_init_no_ranges(void)
{
	sim_reset();
	ranges_from(NULL, 0);
	CHECK(!frame_pool_init(&pool, &usable, DIRECT_LIMIT));
}

static void test_init_no_room_for_bitmap(void)
{
	static const struct mem_range small[] = {
		{ 1 * MiB, 1 * MiB + 64 * KiB },
		{ 32 * MiB, 48 * MiB },         /* room, but above the limit */
		{ HIGH_BASE, TOP },
	};
	static const struct mem_range straddle[] = {
		{ DIRECT_LIMIT - 64 * KiB, DIRECT_LIMIT + 4 * MiB },
		{ HIGH_BASE, TOP },
	};

	sim_reset();
	ranges_from(small, ARRAY_SIZE(small));
	CHECK(!frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	ranges_from(straddle, ARRAY_SIZE(straddle));
	CHECK(!frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	/* With a higher limit the same ranges will do. */
	CHECK(frame_pool_init(&pool, &usable, 32 * MiB));
	CHECK_EQ(pool.bitmap_pa, DIRECT_LIMIT - 64 * KiB);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_bitmap_placement),
		TEST_ENTRY(test_totals),
		TEST_ENTRY(test_is_free_outside_ranges),
		TEST_ENTRY(test_direct_lowest_first),
		TEST_ENTRY(test_direct_exhausted_high_remains),
		TEST_ENTRY(test_any_highest_first),
		TEST_ENTRY(test_no_frame_twice),
		TEST_ENTRY(test_free_refusals),
		TEST_ENTRY(test_free_high_leaves_direct_count),
		TEST_ENTRY(test_free_then_realloc),
		TEST_ENTRY(test_free_everything_restores),
		TEST_ENTRY(test_init_no_ranges),
		TEST_ENTRY(test_init_no_room_for_bitmap),
	};
	return check_main("frame", tests, sizeof(tests) / sizeof(tests[0]));
}
