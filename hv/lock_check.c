/* The hypervisor's side of the lock-order check: a held set per CPU. */
#include <lib/lock_order.h>
#include <lib/panic.h>
#include <lib/percpu.h>

uint32_t *lock_order_held(void)
{
	return &this_cpu()->locks_held;
}

void lock_order_failed(enum lock_rank taking, enum lock_rank holding)
{
	panic("lock order: cpu %u takes %s while it holds %s",
	      this_cpu()->index, lock_rank_name(taking),
	      lock_rank_name(holding));
}
