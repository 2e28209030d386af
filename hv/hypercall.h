/* The synchronous hypercalls, also run for each slot of the async ring. */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <types.h>

struct guest;

struct hcall {
	uint32_t nr;
	uint32_t arg[4];            /* edx, ebx, ecx, esi */
};

/* Runs one call and returns its result; may kill or stop the guest. */
uint32_t hypercall_run(struct guest *g, const struct hcall *h);

/*
 * Runs what the guest's last entry asked for (guest.h, "calls in
 * progress"): ready ring slots, at most budget of them, then the pending
 * synchronous call. True when all of it has run and the guest may be
 * entered again; false when work is left (the budget ran out, or a call
 * waits for the console: g->call_blocked) or the guest died.
 */
bool hypercall_work(struct guest *g, unsigned budget);

#endif
