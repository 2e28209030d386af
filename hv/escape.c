#include "escape.h"

bool escape_feed(struct escape *e, uint8_t c, uint8_t out[ESCAPE_COUNT],
		 unsigned *n)
{
	*n = 0;
	if (c == ESCAPE_KEY) {
		if (++e->held < ESCAPE_COUNT)
			return false;
		e->held = 0;
		return true;
	}
	while (e->held) {
		out[(*n)++] = ESCAPE_KEY;
		e->held--;
	}
	out[(*n)++] = c;
	return false;
}
