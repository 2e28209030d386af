#include "async_ring.h"

bool async_ring_ready(const struct hv_shared *shared, unsigned next)
{
	return __atomic_load_n(&shared->slot_status[next % HV_ASYNC_SLOTS],
			       __ATOMIC_ACQUIRE) == HV_SLOT_READY;
}

unsigned async_ring_run(struct hv_shared *shared, unsigned *next,
			unsigned budget, async_call_fn fn, void *ctx)
{
	unsigned ran = 0;

	budget = MIN(budget, (unsigned)HV_ASYNC_SLOTS);
	while (ran < budget && async_ring_ready(shared, *next)) {
		unsigned i = *next % HV_ASYNC_SLOTS;
		/* A private copy: the guest cannot change it half-way. */
		struct hv_async_call call = shared->slots[i];

		call.result = 0;
		switch (fn(ctx, &call)) {
		case ASYNC_AGAIN:
			return ran;
		case ASYNC_STOP:
			*next = (i + 1) % HV_ASYNC_SLOTS;
			return ran + 1;
		case ASYNC_DONE:
			break;
		}
		*next = (i + 1) % HV_ASYNC_SLOTS;
		ran++;
		shared->slots[i].result = call.result;
		__atomic_store_n(&shared->slot_status[i], HV_SLOT_DONE,
				 __ATOMIC_RELEASE);
	}
	return ran;
}
