/*
 * The screen console's back end for a linear framebuffer of 16, 24 or 32
 * bits a pixel: each cell is painted from the built-in font (font.h),
 * scaled up on wide screens so that a line holds at most
 * SCREEN_FB_MAX_COLS characters.
 */
#ifndef LIB_SCREEN_FB_H
#define LIB_SCREEN_FB_H

#include "screen.h"

#define SCREEN_FB_MAX_COLS  160u

/* A framebuffer's layout, as the boot loader describes it. */
struct fb_format {
	uint32_t pitch;                 /* bytes from one line to the next */
	uint32_t width, height;         /* pixels */
	uint8_t bpp;                    /* 16, 24 or 32 */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct screen_fb {
	uint8_t *base;
	struct fb_format format;
	unsigned bytes;                 /* per pixel */
	unsigned scale;                 /* screen pixels per font pixel */
	uint32_t colours[16];           /* the VGA palette as pixel values */
};

/*
 * Sets fb up for a framebuffer at base laid out as f (checked by the boot
 * information's parser) and says how many cells it holds.
 */
void screen_fb_init(struct screen_fb *fb, void *base, const struct fb_format *f,
		    unsigned *cols, unsigned *rows);

/* Paints every pixel black, the margins too. */
void screen_fb_clear(struct screen_fb *fb);

extern const struct screen_ops screen_fb_ops;

#endif
