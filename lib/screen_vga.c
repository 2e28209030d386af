#include <x86/vga.h>
#include "screen_vga.h"

static void vga_draw(void *dev, unsigned row, unsigned col, struct screen_cell c)
{
	struct screen_vga *vga = dev;

	vga->cells[row * vga->stride + col] = VGA_CELL(c.ch, c.attr);
}

const struct screen_ops screen_vga_ops = { vga_draw };
