/* Frame quotas over simulated memory: set aside, handed out, given back. */
#include <mm/frame_quota.h>
#include "check.h"
#include "sim_phys.h"

#define DIRECT_LIMIT    (16 * MiB)
#define DIRECT_FREE     64u

static struct mem_range store[4];
static struct frame_pool pool;

/* A pool with DIRECT_FREE free direct frames and some high memory. */
static void setup(void)
{
	struct mem_ranges usable = { store, 0, ARRAY_SIZE(store), 0 };

	sim_reset();
	memranges_add(&usable, 1 * MiB, 1 * MiB + (1 + DIRECT_FREE) * PAGE_SIZE);
	memranges_add(&usable, 32 * MiB, 40 * MiB);
	CHECK(frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
}

static void test_sets_aside_at_once(void)
{
	struct frame_quota q;

	setup();
	CHECK(frame_quota_init(&q, &pool, 10));
	CHECK_EQ(pool.free_direct, DIRECT_FREE - 10);
	CHECK_EQ(q.used, 0);
	CHECK_EQ(frame_quota_left(&q), 10);
	frame_quota_destroy(&q);
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
}

static void test_refused_when_pool_is_short(void)
{
	struct frame_quota q;

	setup();
	CHECK(!frame_quota_init(&q, &pool, DIRECT_FREE + 1));
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
	CHECK(frame_quota_init(&q, &pool, DIRECT_FREE));
	CHECK_EQ(pool.free_direct, 0);
	frame_quota_destroy(&q);
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
}

/* Exactly limit distinct direct frames, then none; what comes back goes out again. */
static void test_hands_out_its_own_only(void)
{
	struct frame_quota q;
	hpa_t got[8], pa;
	unsigned i, j;

	setup();
	CHECK(frame_quota_init(&q, &pool, ARRAY_SIZE(got)));
	for (i = 0; i < ARRAY_SIZE(got); i++) {
		got[i] = frame_quota_alloc(&q);
		CHECK(got[i] != FRAME_NONE && got[i] < DIRECT_LIMIT);
		CHECK_EQ(got[i] % PAGE_SIZE, 0);
		CHECK(!frame_is_free(&pool, got[i]));
		for (j = 0; j < i; j++)
			CHECK(got[j] != got[i]);
	}
	CHECK_EQ(frame_quota_left(&q), 0);
	CHECK_EQ(frame_quota_alloc(&q), FRAME_NONE);
	CHECK_EQ(pool.free_direct, DIRECT_FREE - ARRAY_SIZE(got));
	CHECK_EQ(q.peak, ARRAY_SIZE(got));

	frame_quota_free(&q, got[3]);
	CHECK_EQ(frame_quota_left(&q), 1);
	CHECK(!frame_is_free(&pool, got[3]));   /* kept for the owner */
	pa = frame_quota_alloc(&q);
	CHECK_EQ(pa, got[3]);
	CHECK_EQ(q.peak, ARRAY_SIZE(got));

	for (i = 0; i < ARRAY_SIZE(got); i++)
		frame_quota_free(&q, got[i]);
	CHECK_EQ(q.used, 0);
	frame_quota_destroy(&q);
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
	for (i = 0; i < ARRAY_SIZE(got); i++)
		CHECK(frame_is_free(&pool, got[i]));
}

/* Another owner draining the pool changes nothing for a quota. */
static void test_unaffected_by_others(void)
{
	struct frame_quota q;
	unsigned i;

	setup();
	CHECK(frame_quota_init(&q, &pool, 5));
	while (frame_alloc(&pool, FRAME_DIRECT) != FRAME_NONE)
		;
	for (i = 0; i < 5; i++)
		CHECK(frame_quota_alloc(&q) != FRAME_NONE);
	CHECK_EQ(frame_quota_alloc(&q), FRAME_NONE);
}

static void test_unlimited_draws_on_the_pool(void)
{
	struct frame_quota q;
	hpa_t a, b;

	setup();
	CHECK(frame_quota_init(&q, &pool, FRAME_QUOTA_UNLIMITED));
	CHECK_EQ(pool.free_direct, DIRECT_FREE);
	a = frame_quota_alloc(&q);
	b = frame_quota_alloc(&q);
	CHECK(a != FRAME_NONE && b != FRAME_NONE && a != b);
	CHECK_EQ(pool.free_direct, DIRECT_FREE - 2);
	CHECK_EQ(frame_quota_left(&q), DIRECT_FREE - 2);
	frame_quota_free(&q, a);
	CHECK(frame_is_free(&pool, a));
	CHECK_EQ(q.used, 1);
	CHECK_EQ(q.peak, 2);
	while (frame_quota_alloc(&q) != FRAME_NONE)
		;
	CHECK_EQ(pool.free_direct, 0);
	CHECK_EQ(frame_quota_left(&q), 0);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_sets_aside_at_once),
		TEST_ENTRY(test_refused_when_pool_is_short),
		TEST_ENTRY(test_hands_out_its_own_only),
		TEST_ENTRY(test_unaffected_by_others),
		TEST_ENTRY(test_unlimited_draws_on_the_pool),
	};
	return check_main("frame_quota", tests, sizeof(tests) / sizeof(tests[0]));
}
