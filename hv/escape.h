/*
 * The console input's escape: Ctrl-A pressed ESCAPE_COUNT times in a row
 * moves the input focus to the next guest. Fewer Ctrl-As are not lost:
 * when another byte breaks the run they are passed on before it, so a
 * guest can still be sent a Ctrl-A or two. Pure: testable on the host.
 */
#ifndef HV_ESCAPE_H
#define HV_ESCAPE_H

#include <types.h>

#define ESCAPE_KEY      0x01            /* Ctrl-A */
#define ESCAPE_COUNT    3

struct escape {
	unsigned held;                  /* Ctrl-As seen in a row, not passed on */
};

/*
 * Feeds one input byte. True when it completes the escape (nothing to
 * pass on). Otherwise sets out[0..*n) to the bytes to pass on now: none
 * while Ctrl-As are held, else the held ones and c.
 */
bool escape_feed(struct escape *e, uint8_t c, uint8_t out[ESCAPE_COUNT],
		 unsigned *n);

#endif
