/* The screen console's back end for VGA text mode: one 16-bit cell each. */
#ifndef LIB_SCREEN_VGA_H
#define LIB_SCREEN_VGA_H

#include "screen.h"

struct screen_vga {
	volatile uint16_t *cells;       /* the text buffer */
	unsigned stride;                /* cells from one line to the next */
};

extern const struct screen_ops screen_vga_ops;

#endif
