/* Spinlocks for guests with several vCPUs (vcpu.h). */
#ifndef GUEST_SPINLOCK_H
#define GUEST_SPINLOCK_H

#include <stdint.h>

struct spinlock {
	uint32_t locked;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__asm__ volatile("rep; nop");   /* pause */
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif
