/* Lock order: ranked locks taken in increasing rank only, checked when on. */
#include <lib/spinlock.h>
#include "check.h"
#include "sim_phys.h"

static void reset(bool on)
{
	lock_checking = on;
	sim_locks_held = 0;
	sim_lock_failures = 0;
}

static void test_in_order_passes(void)
{
	struct spinlock guest = SPINLOCK_RANKED(LOCK_RANK_GUEST);
	struct spinlock frames = SPINLOCK_RANKED(LOCK_RANK_FRAMES);
	struct spinlock console = SPINLOCK_RANKED(LOCK_RANK_CONSOLE);

	reset(true);
	spin_lock(&guest);
	spin_lock(&frames);
	spin_lock(&console);
	CHECK_EQ(sim_locks_held, 1u << LOCK_RANK_GUEST | 1u << LOCK_RANK_FRAMES |
		 1u << LOCK_RANK_CONSOLE);
	spin_unlock(&console);
	spin_unlock(&frames);
	spin_unlock(&guest);
	CHECK_EQ(sim_locks_held, 0);
	CHECK(lock_order_none_held());
	CHECK_EQ(sim_lock_failures, 0);
}

static void test_out_of_order_fails(void)
{
	struct spinlock guest = SPINLOCK_RANKED(LOCK_RANK_GUEST);
	struct spinlock frames = SPINLOCK_RANKED(LOCK_RANK_FRAMES);

	reset(true);
	spin_lock(&frames);
	CHECK(!lock_order_none_held());
	spin_lock(&guest);
	CHECK_EQ(sim_lock_failures, 1);
	CHECK_EQ(sim_lock_failed_taking, LOCK_RANK_GUEST);
	CHECK_EQ(sim_lock_failed_holding, LOCK_RANK_FRAMES);
	CHECK(!lock_checking);          /* off after the first failure */
	spin_unlock(&guest);
	spin_unlock(&frames);
}

/* Two locks of one rank (two guests' locks) may not nest either. */
static void test_same_rank_fails(void)
{
	struct spinlock a = SPINLOCK_RANKED(LOCK_RANK_GUEST);
	struct spinlock b = SPINLOCK_RANKED(LOCK_RANK_GUEST);

	reset(true);
	spin_lock(&a);
	spin_lock(&b);
	CHECK_EQ(sim_lock_failures, 1);
	CHECK_EQ(sim_lock_failed_holding, LOCK_RANK_GUEST);
	spin_unlock(&b);
	spin_unlock(&a);
}

/* The highest held rank is the one named. */
static void test_names_highest_held(void)
{
	struct spinlock guest = SPINLOCK_RANKED(LOCK_RANK_GUEST);
	struct spinlock hostpt = SPINLOCK_RANKED(LOCK_RANK_HOSTPT);
	struct spinlock console = SPINLOCK_RANKED(LOCK_RANK_CONSOLE);
	struct spinlock frames = SPINLOCK_RANKED(LOCK_RANK_FRAMES);

	reset(true);
	spin_lock(&guest);
	spin_lock(&hostpt);
	spin_lock(&console);
	spin_lock(&frames);
	CHECK_EQ(sim_lock_failed_holding, LOCK_RANK_CONSOLE);
	CHECK_STR(lock_rank_name(LOCK_RANK_CONSOLE), "the console lock");
	spin_unlock(&frames);
	spin_unlock(&console);
	spin_unlock(&hostpt);
	spin_unlock(&guest);
}

static void test_off_checks_nothing(void)
{
	struct spinlock guest = SPINLOCK_RANKED(LOCK_RANK_GUEST);
	struct spinlock frames = SPINLOCK_RANKED(LOCK_RANK_FRAMES);

	reset(false);
	spin_lock(&frames);
	spin_lock(&guest);
	CHECK_EQ(sim_lock_failures, 0);
	CHECK_EQ(sim_locks_held, 0);
	CHECK(lock_order_none_held());
	spin_unlock(&guest);
	spin_unlock(&frames);
}

static void test_trylock(void)
{
	struct spinlock frames = SPINLOCK_RANKED(LOCK_RANK_FRAMES);

	reset(true);
	CHECK(spin_trylock(&frames));
	CHECK(!spin_trylock(&frames));
	CHECK_EQ(sim_locks_held, 1u << LOCK_RANK_FRAMES);
	spin_unlock(&frames);
	CHECK_EQ(sim_locks_held, 0);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_in_order_passes),
		TEST_ENTRY(test_out_of_order_fails),
		TEST_ENTRY(test_same_rank_fails),
		TEST_ENTRY(test_names_highest_held),
		TEST_ENTRY(test_off_checks_nothing),
		TEST_ENTRY(test_trylock),
	};
	return check_main("lock_order", tests, sizeof(tests) / sizeof(tests[0]));
}
