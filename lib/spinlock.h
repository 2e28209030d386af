/* A test-and-set spin lock; the irqsave variants also mask interrupts. */
#ifndef HV_SPINLOCK_H
#define HV_SPINLOCK_H

#include <types.h>
#include <x86/cr.h>
#include <x86/io.h>

struct spinlock {
	volatile uint32_t locked;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			cpu_relax();
}

static inline void spin_unlock(struct spinlock *l)
{
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
