/*
 * The OS's traps: a handler for each of the CPU's exceptions and the
 * timer, installed through the back end (pv.h). A breakpoint is reported
 * and the program goes on; any other exception in the kernel is reported
 * and stops the OS with status 1.
 */
#ifndef OS_TRAP_H
#define OS_TRAP_H

#include <trap_frame.h>
#include "pv.h"

/* The exceptions, the timer and the rest of the 8259A pair's vectors. */
#define OS_IRQ_VECTORS  16
#define OS_VECTORS      (OS_TIMER_VECTOR + OS_IRQ_VECTORS) /* as in trap_entry.S */

/* Non-zero: trap returns restore the virtual interrupt flag. */
extern uint32_t os_virtual_if;

/* The kernel's data selector, for the assembler (trap_entry.S). */
extern uint16_t os_kernel_ds;

void trap_init(void);
void os_trap(struct trap_frame *f);

#endif
