/* Delivering traps and virtual interrupts to a guest's own handlers. */
#ifndef HV_DELIVER_H
#define HV_DELIVER_H

#include <types.h>

struct guest;

/*
 * Redirects the guest to its handler for vector, as the CPU would. False if
 * the guest has no handler there; kills the guest if its stack is broken.
 */
bool deliver_trap(struct guest *g, unsigned vector, bool has_error,
		  uint32_t error);

/* Raises virtual interrupt irq; a halted guest becomes runnable. */
void virq_raise(struct guest *g, unsigned irq);

/* Delivers the first pending, unblocked interrupt if the guest allows it. */
void virq_deliver(struct guest *g);

/* Whether an interrupt is pending and not blocked (wakes a halt). */
bool virq_pending(const struct guest *g);

#endif
