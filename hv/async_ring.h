/*
 * The asynchronous hypercall ring in the shared page. The guest fills slots
 * and marks them ready; each time the guest enters the hypervisor, ready
 * slots are run strictly in ring order, before any synchronous call, and
 * each is marked done with its result. Pure: testable on the host.
 *
 * One call to async_ring_run() does a bounded amount of work (at most
 * `budget` slots), so the run loop can let other guests in between; the
 * guest itself does not run again until its ring is drained. A call that
 * cannot finish yet (the console is full) leaves its slot ready and is run
 * again, from the start of the slot, by the next async_ring_run().
 */
#ifndef HV_ASYNC_RING_H
#define HV_ASYNC_RING_H

#include <types.h>
#include <guests/abi.h>

enum async_outcome {
	ASYNC_DONE,                 /* the call ran: record its result */
	ASYNC_AGAIN,                /* not finished: run the slot again later */
	ASYNC_STOP,                 /* the guest died: the ring stops here */
};

typedef enum async_outcome (*async_call_fn)(void *ctx,
					    struct hv_async_call *call);

/*
 * Runs the ready slots from *next onwards, stopping at the first slot that
 * is not ready, after `budget` slots, after a whole lap, or at a call that
 * is not finished or killed the guest. Returns how many calls ran to
 * their end, the one that killed the guest included.
 */
unsigned async_ring_run(struct hv_shared *shared, unsigned *next,
			unsigned budget, async_call_fn fn, void *ctx);

/* Whether the slot at next is ready: the ring still has work. */
bool async_ring_ready(const struct hv_shared *shared, unsigned next);

#endif
