/*
 * Recording what the hypervisor does, per CPU, into its trace ring
 * (trace_ring.h): always on. The exit path, the hypercall dispatcher, the
 * fault path and guest_kill() record; the monitor and the panic path
 * print.
 */
#ifndef HV_TRACE_H
#define HV_TRACE_H

#include <types.h>
#include "trace_ring.h"

struct guest;

/* Records one event of g's (NULL: the hypervisor's own) on this CPU. */
void trace(enum trace_kind kind, const struct guest *g, uint32_t a, uint32_t b);

/* How many events CPU cpu has recorded since boot. */
uint32_t trace_recorded(unsigned cpu);

/* Prints the last (at most) n events of CPU cpu, oldest first. */
void trace_dump(unsigned cpu, unsigned n);

#endif
