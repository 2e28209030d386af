/*
 * A test-and-set spin lock; the irqsave variants also mask interrupts.
 *
 * A lock may carry a rank (lib/lock_order.h): with the "lockcheck" option
 * every CPU then checks that it takes ranked locks in increasing rank
 * only, which rules out deadlock between them. Rank 0 is unchecked.
 */
#ifndef HV_SPINLOCK_H
#define HV_SPINLOCK_H

#include <types.h>
#include <x86/cr.h>
#include <x86/io.h>
#include "lock_order.h"

struct spinlock {
	volatile uint32_t locked;
	unsigned rank;              /* LOCK_RANK_*, or 0 */
};

#define SPINLOCK_RANKED(r)  { 0, (r) }

static inline bool spin_trylock(struct spinlock *l)
{
	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		return false;
	if (l->rank)
		lock_order_taken(l->rank);
	return true;
}

static inline void spin_lock(struct spinlock *l)
{
	if (l->rank)
		lock_order_check(l->rank);
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			cpu_relax();
	if (l->rank)
		lock_order_taken(l->rank);
}

static inline void spin_unlock(struct spinlock *l)
{
	if (l->rank)
		lock_order_dropped(l->rank);
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline uint32_t spin_lock_irqsave(struct spinlock *l)
{
	uint32_t flags = read_eflags();

	cli();
	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, uint32_t flags)
{
	spin_unlock(l);
	if (flags & EFLAGS_IF)
		sti();
}

#endif
