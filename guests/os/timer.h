/* Time: sleeping on the timer interrupt, the same way on both machines. */
#ifndef OS_TIMER_H
#define OS_TIMER_H

#include <types.h>

/* Halts until ms milliseconds have passed; interrupts are off after. */
void os_sleep_ms(unsigned ms);

/* The timer's interrupt handler (trap.c). */
void timer_interrupt(void);

#endif
