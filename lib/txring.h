/*
 * The serial console's transmit queue: bytes waiting for the UART, each
 * tagged with its owner (the hypervisor, or a guest) so that every owner's
 * share of the queue can be bounded and no guest can fill it for the
 * others. Positions run freely and wrap at 2^32; the queue holds
 * TXRING_SIZE bytes. Pure: testable on the host.
 */
#ifndef LIB_TXRING_H
#define LIB_TXRING_H

#include <types.h>

#define TXRING_SIZE     65536u          /* a power of two */
#define TXRING_OWNERS   32u

struct txring {
	uint32_t head;                  /* bytes ever put */
	uint32_t tail;                  /* bytes ever taken */
	uint32_t queued[TXRING_OWNERS]; /* bytes waiting, per owner */
	char data[TXRING_SIZE];
	uint8_t owner[TXRING_SIZE];
};

/* Bytes that can still be put. */
static inline uint32_t txring_room(const struct txring *r)
{
	return TXRING_SIZE - (r->head - r->tail);
}

static inline bool txring_empty(const struct txring *r)
{
	return r->head == r->tail;
}

/* Bytes of owner's still waiting; 0 for an owner out of range. */
uint32_t txring_queued(const struct txring *r, unsigned owner);

/*
 * Puts up to len bytes for owner (taken modulo TXRING_OWNERS); returns
 * how many fitted.
 */
size_t txring_put(struct txring *r, unsigned owner, const char *s,
		  size_t len);

/* Takes up to max bytes, oldest first, into out; returns how many. */
size_t txring_take(struct txring *r, char *out, size_t max);

#endif
