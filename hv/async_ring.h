/*
 * The asynchronous hypercall ring in the shared page. The guest fills slots
 * and marks them ready; each time the guest enters the hypervisor, ready
 * slots are run strictly in ring order, before any synchronous call, and
 * each is marked done with its result. Pure: testable on the host.
 */
#ifndef HV_ASYNC_RING_H
#define HV_ASYNC_RING_H

#include <types.h>
#include <guests/abi.h>

/* Runs one call; returns false when the guest died and the ring must stop. */
typedef bool (*async_call_fn)(void *ctx, struct hv_async_call *call);

/*
 * Runs the ready slots from *next onwards, stopping at the first slot that
 * is not ready (or after a whole lap). Returns how many ran.
 */
unsigned async_ring_run(struct hv_shared *shared, unsigned *next,
			async_call_fn fn, void *ctx);

#endif
