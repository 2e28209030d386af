/*
 * Console input waiting for its reader: a bounded queue of the bytes the
 * line brought for one guest. A serial line cannot be held back, so a full
 * queue drops its oldest bytes, counted, to keep what was typed last: a
 * reader that falls behind loses the past, never the end of the stream.
 * Positions run freely and wrap at 2^32. Pure: testable on the host.
 */
#ifndef LIB_INRING_H
#define LIB_INRING_H

#include <types.h>

#define INRING_SIZE     4096u           /* a power of two */

struct inring {
	uint32_t head;                  /* bytes ever put */
	uint32_t tail;                  /* bytes ever taken or dropped */
	uint64_t dropped;               /* bytes pushed out unread */
	uint8_t data[INRING_SIZE];
};

static inline uint32_t inring_count(const struct inring *r)
{
	return r->head - r->tail;
}

/* Adds c; when full, first drops the oldest byte. False if it dropped one. */
bool inring_put(struct inring *r, uint8_t c);

/* Takes up to max of the oldest bytes into dst; returns how many. */
size_t inring_take(struct inring *r, uint8_t *dst, size_t max);

#endif
