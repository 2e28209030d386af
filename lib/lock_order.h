/*
 * Lock order. Every lock that may be held while another is taken has a
 * rank, and a CPU may only take a lock of higher rank than every lock it
 * holds; two CPUs can then never wait for each other. The ranks, lowest
 * (taken first) to highest, with the rule of each lock:
 *
 *  GUEST     hv/guest_lock.h: one guest's life-cycle state, its pending
 *            virtual interrupts, its console input. Held for a few stores,
 *            never across a guest entry, a kprintf or another guest's lock.
 *  HOSTPT    mm/window.c: the host page table's windows (the module
 *            window, the shared-page slots). Frames may be allocated for
 *            host page tables while it is held.
 *  FRAMES    mm/frame.c: the frame allocator's bitmap and counts.
 *  CMOS      hv/rtc.c: the CMOS index and data ports, one read at a time.
 *  CONSOLE   lib/console.c: the console's buffer, the UART and the screen,
 *            so that lines never mix. Innermost: kprintf works anywhere.
 *
 * The TLB shoot-down (hv/ipi.c) is not a lock here: it is started with no
 * lock held, since it waits for every other CPU to answer.
 *
 * The "lockcheck" option turns the check on (lock_checking): taking a lock
 * out of order panics, naming both. Pure: the held set and the failure are
 * the caller's (the hypervisor keeps one set per CPU), so the host tests
 * it too.
 */
#ifndef LIB_LOCK_ORDER_H
#define LIB_LOCK_ORDER_H

#include <types.h>

enum lock_rank {
	LOCK_RANK_NONE,             /* unchecked */
	LOCK_RANK_GUEST,
	LOCK_RANK_HOSTPT,
	LOCK_RANK_FRAMES,
	LOCK_RANK_CMOS,
	LOCK_RANK_CONSOLE,
	LOCK_RANKS
};

extern bool lock_checking;

/* The running CPU's set of held ranks, a bit per rank (the caller's). */
uint32_t *lock_order_held(void);

/* Called once on a wrong order, with checking already off (the caller's). */
void lock_order_failed(enum lock_rank taking, enum lock_rank holding);

/* Before waiting for a lock of this rank: fails if the order is wrong. */
void lock_order_check(unsigned rank);

/* Once the lock is held, and as it is let go. */
void lock_order_taken(unsigned rank);
void lock_order_dropped(unsigned rank);

/* True if this CPU holds no ranked lock (or checking is off). */
bool lock_order_none_held(void);

/* The rank's name, for messages. */
const char *lock_rank_name(unsigned rank);

#endif
