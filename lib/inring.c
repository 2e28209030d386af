#include "inring.h"

bool inring_put(struct inring *r, uint8_t c)
{
	bool room = inring_count(r) < INRING_SIZE;

	if (!room) {
		r->tail++;
		r->dropped++;
	}
	r->data[r->head++ % INRING_SIZE] = c;
	return room;
}

size_t inring_take(struct inring *r, uint8_t *dst, size_t max)
{
	size_t n = 0;

	while (n < max && r->tail != r->head)
		dst[n++] = r->data[r->tail++ % INRING_SIZE];
	return n;
}
