#include "lock_order.h"

bool lock_checking;

static const char *const names[LOCK_RANKS] = {
	[LOCK_RANK_NONE] = "an unranked lock",
	[LOCK_RANK_GUEST] = "a guest lock",
	[LOCK_RANK_HOSTPT] = "the host page table lock",
	[LOCK_RANK_FRAMES] = "the frame allocator lock",
	[LOCK_RANK_CMOS] = "the CMOS lock",
	[LOCK_RANK_CONSOLE] = "the console lock",
};

const char *lock_rank_name(unsigned rank)
{
	return rank < LOCK_RANKS ? names[rank] : "a lock of no known rank";
}

void lock_order_check(unsigned rank)
{
	uint32_t clash;

	if (!lock_checking)
		return;
	/* Every held rank must be below this one. */
	clash = *lock_order_held() & ~((1u << rank) - 1);
	if (clash) {
		lock_checking = false;
		lock_order_failed((enum lock_rank)rank,
				  (enum lock_rank)(31 - __builtin_clz(clash)));
	}
}

void lock_order_taken(unsigned rank)
{
	if (lock_checking)
		*lock_order_held() |= 1u << rank;
}

void lock_order_dropped(unsigned rank)
{
	if (lock_checking)
		*lock_order_held() &= ~(1u << rank);
}

bool lock_order_none_held(void)
{
	return !lock_checking || *lock_order_held() == 0;
}
