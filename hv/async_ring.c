#include "async_ring.h"

unsigned async_ring_run(struct hv_shared *shared, unsigned *next,
			async_call_fn fn, void *ctx)
{
	unsigned ran = 0;

	while (ran < HV_ASYNC_SLOTS) {
		unsigned i = *next % HV_ASYNC_SLOTS;
		struct hv_async_call call;

		if (__atomic_load_n(&shared->slot_status[i], __ATOMIC_ACQUIRE) !=
		    HV_SLOT_READY)
			break;
		/* A private copy: the guest cannot change it half-way. */
		call = shared->slots[i];
		call.result = 0;
		*next = (i + 1) % HV_ASYNC_SLOTS;
		ran++;
		if (!fn(ctx, &call))
			break;
		shared->slots[i].result = call.result;
		__atomic_store_n(&shared->slot_status[i], HV_SLOT_DONE,
				 __ATOMIC_RELEASE);
	}
	return ran;
}
