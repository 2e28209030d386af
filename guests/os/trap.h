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

/*
 * A trap from ring 3 starts on the entry stack, the one kernel stack the
 * machine is told of (the TSS's, or SET_STACK's), and trap_entry.S moves
 * its frame at once to the top of the running process's own, which
 * trap_set_process_stack names: a context switch tells the machine
 * nothing, as with Linux's entry stack.
 */
void trap_set_process_stack(uint32_t top);

void trap_init(void);
void os_trap(struct trap_frame *f);

#endif
