/* Why a guest came back to the hypervisor, and what to do about it. */
#ifndef HV_EXITS_H
#define HV_EXITS_H

#include <types.h>

struct guest;

/* Vectors the host's own devices raise: never the guest's to use. */
bool is_host_irq(unsigned vector);

/* Runs the guest on cpu until it traps (its registers are in g->regs). */
void guest_enter(struct guest *g, unsigned cpu);

/*
 * Handles the trap that ended the last entry, once guest_exit_host_irq()
 * said it was not a host interrupt; cr2 as read right after the entry.
 */
void guest_exit(struct guest *g, uint32_t cr2);

/*
 * If a host interrupt ended the entry (a timer, a kick, a shoot-down):
 * handles it and returns true. The run loop calls this whatever became of
 * the guest meanwhile: the kick that stops a guest killed from another CPU
 * is still the CPU's to acknowledge.
 */
bool guest_exit_host_irq(struct guest *g);

#endif
