#include <x86/vga.h>
#include "font.h"
#include "screen_fb.h"

/* The VGA text palette's colours, as 0xRRGGBB. */
static const uint32_t vga_rgb[VGA_COLOURS] = {
	0x000000, 0x0000AA, 0x00AA00, 0x00AAAA, 0xAA0000, 0xAA00AA, 0xAA5500,
	0xAAAAAA, 0x555555, 0x5555FF, 0x55FF55, 0x55FFFF, 0xFF5555, 0xFF55FF,
	0xFFFF55, 0xFFFFFF,
};

static uint32_t component(uint32_t value8, uint8_t pos, uint8_t size)
{
	return (value8 >> (8 - size)) << pos;
}

static uint32_t pixel_of(const struct fb_format *f, uint32_t rgb)
{
	return component((rgb >> 16) & 0xFF, f->red_pos, f->red_size) |
	       component((rgb >> 8) & 0xFF, f->green_pos, f->green_size) |
	       component(rgb & 0xFF, f->blue_pos, f->blue_size);
}

void screen_fb_init(struct screen_fb *fb, void *base, const struct fb_format *f,
		    unsigned *cols, unsigned *rows)
{
	unsigned i;

	fb->base = base;
	fb->format = *f;
	fb->bytes = (f->bpp + 7u) / 8u;
	fb->scale = (f->width + FONT_WIDTH * SCREEN_FB_MAX_COLS - 1) /
		    (FONT_WIDTH * SCREEN_FB_MAX_COLS);
	if (fb->scale == 0)
		fb->scale = 1;
	for (i = 0; i < VGA_COLOURS; i++)
		fb->colours[i] = pixel_of(f, vga_rgb[i]);
	*cols = f->width / (FONT_WIDTH * fb->scale);
	*rows = f->height / (FONT_HEIGHT * fb->scale);
}

static void put_pixel(uint8_t *p, unsigned bytes, uint32_t v)
{
	switch (bytes) {
	case 4:
		*(volatile uint32_t *)p = v;
		break;
	case 3:
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		break;
	default:
		*(volatile uint16_t *)p = (uint16_t)v;
		break;
	}
}

void screen_fb_clear(struct screen_fb *fb)
{
	uint32_t x, y;

	for (y = 0; y < fb->format.height; y++)
		for (x = 0; x < fb->format.width; x++)
			put_pixel(fb->base + y * fb->format.pitch + x * fb->bytes,
				  fb->bytes, fb->colours[VGA_BLACK]);
}

static void fb_draw(void *dev, unsigned row, unsigned col, struct screen_cell c)
{
	struct screen_fb *fb = dev;
	uint8_t ch = c.ch >= FONT_FIRST && c.ch <= FONT_LAST ? c.ch : '?';
	const uint8_t *glyph = font_glyphs[ch - FONT_FIRST];
	uint32_t fg = fb->colours[VGA_ATTR_FG(c.attr)];
	uint32_t bg = fb->colours[VGA_ATTR_BG(c.attr)];
	unsigned w = FONT_WIDTH * fb->scale, h = FONT_HEIGHT * fb->scale;
	uint8_t *line = fb->base + row * h * fb->format.pitch + col * w * fb->bytes;
	unsigned x, y;

	for (y = 0; y < h; y++, line += fb->format.pitch) {
		uint8_t bits = glyph[y / fb->scale];

		for (x = 0; x < w; x++)
			put_pixel(line + x * fb->bytes, fb->bytes,
				  bits & (0x80u >> (x / fb->scale)) ? fg : bg);
	}
}

const struct screen_ops screen_fb_ops = { fb_draw };
