#include <boot/mb2.h>
#include <multiboot2.h>
#include <x86/io.h>
#include <x86/vga.h>
#include <lib/console.h>
#include <lib/screen_fb.h>
#include <lib/screen_vga.h>
#include <mm/window.h>
#include "clock.h"
#include "display.h"

static struct screen_vga vga;
static struct screen_fb fb;
static struct mb2_framebuffer fb_info;
static bool fb_pending, fb_early, serial_off;
static uint64_t last_draw;

static uint64_t fb_bytes(void)
{
	return (uint64_t)fb_info.pitch * fb_info.height;
}

/* The cursor is drawn as a reversed cell; the blinking one goes. */
static void vga_hide_cursor(void)
{
	outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_START);
	outb(VGA_CRTC_DATA, inb(VGA_CRTC_DATA) | VGA_CURSOR_DISABLE);
}

static void attach_vga(void)
{
	vga.cells = (volatile uint16_t *)(uintptr_t)fb_info.addr;
	vga.stride = fb_info.pitch / sizeof(uint16_t);
	vga_hide_cursor();
	console_attach_screen(&screen_vga_ops, &vga, fb_info.width, fb_info.height);
	kprintf("screen: VGA text, %ux%u characters\n", fb_info.width,
		fb_info.height);
}

static void no_screen(const char *why)
{
	console_no_screen();
	kprintf("screen: %s; the serial line only\n", why);
}

static void attach_fb(void *base)
{
	struct fb_format f = {
		fb_info.pitch, fb_info.width, fb_info.height, fb_info.bpp,
		fb_info.red_pos, fb_info.red_size, fb_info.green_pos,
		fb_info.green_size, fb_info.blue_pos, fb_info.blue_size,
	};
	unsigned cols, rows;

	screen_fb_init(&fb, base, &f, &cols, &rows);
	if (cols == 0 || rows == 0) {
		no_screen("the framebuffer is smaller than one character");
		return;
	}
	screen_fb_clear(&fb);
	console_attach_screen(&screen_fb_ops, &fb, cols, rows);
	kprintf("screen: framebuffer %ux%u, %u bits a pixel, at {0x%llx}: "
		"%ux%u characters\n", f.width, f.height, f.bpp,
		(unsigned long long)fb_info.addr, cols, rows);
}

/* console=screen: the serial line falls silent once the screen shows all. */
static void screen_only(void)
{
	if (!serial_off)
		return;
	kprintf("console: output on the screen only (console=screen)\n");
	console_set_serial(false);
}


void display_init(const struct mb2_info *bi, enum console_choice choice)
{
	if (choice == CONSOLE_SERIAL) {
		console_no_screen();
		return;
	}
	if (bi->fb_problem[0])
		kprintf("screen: %s\n", bi->fb_problem);
	if (!bi->have_fb) {
		/* The usual serial-only machine: nothing to say, unless the
		 * command line asked for the screen alone. */
		console_no_screen();
		if (choice == CONSOLE_SCREEN)
			kprintf("console: console=screen, but there is no "
				"screen; output stays on the serial line\n");
		return;
	}
	fb_info = bi->fb;
	serial_off = choice == CONSOLE_SCREEN;
	if (fb_info.type == MB2_FB_EGA_TEXT) {
		attach_vga();
		screen_only();
		return;
	}
	/* With paging off, a framebuffer below 4 GiB is reachable as it is. */
	fb_pending = true;
	fb_early = fb_info.addr + fb_bytes() <= 4ull * GiB;
	if (fb_early)
		attach_fb((void *)(uintptr_t)fb_info.addr);
}

void display_map(void)
{
	void *va;

	if (!fb_pending)
		return;
	fb_pending = false;
	va = screen_window_map(fb_info.addr, fb_bytes());
	if (!va) {
		no_screen("the framebuffer cannot be mapped");
		return;
	}
	if (fb_early) {
		fb.base = va;
		console_screen_moved(&fb);
	} else {
		attach_fb(va);
	}
	screen_only();
}

void display_tick(bool idle)
{
	uint64_t now;

	if (!console_screen_dirty())
		return;
	now = clock_ns();
	if (!idle && now - last_draw < DISPLAY_PERIOD_NS)
		return;
	last_draw = now;
	console_update_screen();
}
