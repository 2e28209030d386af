/* Time: sleeping on the timer interrupt, the same way on both machines. */
#ifndef OS_TIMER_H
#define OS_TIMER_H

#include <types.h>

/* Halts until ms milliseconds have passed; interrupts are off after.
 * For the kernel's own programs, while the scheduler's tick is off. */
void os_sleep_ms(unsigned ms);

/* The scheduler's tick on or off: every SCHED_TICK_MS (sched.h). */
void timer_ticking(bool on);

/* The timer's interrupt handler (trap.c); from_user: ring 3 was running. */
void timer_interrupt(bool from_user);

#endif
