#include "txring.h"

uint32_t txring_queued(const struct txring *r, unsigned owner)
{
	return owner < TXRING_OWNERS ? r->queued[owner] : 0;
}

size_t txring_put(struct txring *r, unsigned owner, const char *s,
		  size_t len)
{
	size_t n = MIN(len, (size_t)txring_room(r)), i;

	owner %= TXRING_OWNERS;
	for (i = 0; i < n; i++) {
		uint32_t at = (r->head + i) & (TXRING_SIZE - 1);

		r->data[at] = s[i];
		r->owner[at] = (uint8_t)owner;
	}
	r->head += (uint32_t)n;
	r->queued[owner] += (uint32_t)n;
	return n;
}

size_t txring_take(struct txring *r, char *out, size_t max)
{
	size_t n = MIN(max, (size_t)(r->head - r->tail)), i;

	for (i = 0; i < n; i++) {
		uint32_t at = (r->tail + i) & (TXRING_SIZE - 1);

		out[i] = r->data[at];
		r->queued[r->owner[at]]--;
	}
	r->tail += (uint32_t)n;
	return n;
}
