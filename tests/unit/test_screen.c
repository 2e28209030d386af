/* The screen's text grid and updates, and its framebuffer and VGA back ends. */
#include <string.h>
#include <x86/vga.h>
#include <lib/font.h>
#include <lib/screen.h>
#include <lib/screen_fb.h>
#include <lib/screen_vga.h>
#include "check.h"

#define BLANK           VGA_ATTR(VGA_LIGHT_GREY, VGA_BLACK)
#define WHITE_ON_BLUE   VGA_ATTR(VGA_WHITE, VGA_BLUE)
#define MARKER          0x5Au

/* A back end that remembers what was drawn where. */
struct fake {
	struct screen_cell cell[SCREEN_MAX_ROWS][SCREEN_MAX_COLS];
	unsigned calls;
	unsigned outside;       /* draws beyond the grid */
	unsigned cols, rows;
};

static void fake_draw(void *dev, unsigned row, unsigned col, struct screen_cell c)
{
	struct fake *f = dev;

	f->calls++;
	if (row >= f->rows || col >= f->cols) {
		f->outside++;
		return;
	}
	f->cell[row][col] = c;
}

static const struct screen_ops fake_ops = { fake_draw };

static struct screen sc;
static struct fake fake;

static void attach(unsigned cols, unsigned rows)
{
	memset(&fake, 0, sizeof(fake));
	fake.cols = cols;
	fake.rows = rows;
	screen_attach(&sc, &fake_ops, &fake, cols, rows);
}

static void put(const char *s, uint8_t attr)
{
	screen_write(&sc, s, strlen(s), attr);
}

static void puts_grey(const char *s)
{
	put(s, BLANK);
}

/* The characters of a row as a string. */
static const char *row_text(unsigned row)
{
	static char text[SCREEN_MAX_COLS + 1];
	unsigned c;

	for (c = 0; c < sc.cols; c++)
		text[c] = (char)screen_cell_at(&sc, row, c).ch;
	text[c] = 0;
	return text;
}

static bool cell_is(struct screen_cell c, uint8_t ch, uint8_t attr)
{
	return c.ch == ch && c.attr == attr;
}

static uint8_t reversed(uint8_t attr)
{
	return VGA_ATTR(VGA_ATTR_BG(attr), VGA_ATTR_FG(attr) & 7);
}

/* Cells where the fake back end differs from the grid (cursor reversed). */
static unsigned shown_mismatches(void)
{
	unsigned cursor_col = sc.col < sc.cols ? sc.col : sc.cols - 1;
	unsigned r, c, bad = 0;

	for (r = 0; r < sc.rows; r++) {
		for (c = 0; c < sc.cols; c++) {
			struct screen_cell want = screen_cell_at(&sc, r, c);

			if (r == sc.row && c == cursor_col)
				want.attr = reversed(want.attr);
			if (!cell_is(fake.cell[r][c], want.ch, want.attr))
				bad++;
		}
	}
	return bad;
}

static void test_printable_at_cursor(void)
{
	attach(10, 4);
	puts_grey("ab");
	CHECK_STR(row_text(0), "ab        ");
	CHECK_EQ(sc.row, 0);
	CHECK_EQ(sc.col, 2);
	puts_grey("c");
	CHECK_STR(row_text(0), "abc       ");
	CHECK_STR(row_text(1), "          ");
}

static void test_cr_and_lf(void)
{
	attach(10, 4);
	puts_grey("abc\rX");
	CHECK_STR(row_text(0), "Xbc       ");
	CHECK_EQ(sc.col, 1);

	attach(10, 4);
	puts_grey("abc\nd");
	CHECK_STR(row_text(0), "abc       ");
	CHECK_STR(row_text(1), "   d      ");
	CHECK_EQ(sc.row, 1);
	CHECK_EQ(sc.col, 4);
}

static void test_backspace(void)
{
	attach(10, 4);
	puts_grey("abc\b\bX");
	CHECK_STR(row_text(0), "aXc       ");
	CHECK_EQ(sc.col, 2);

	/* Stops at the first column; never back onto the line above. */
	attach(10, 4);
	puts_grey("x\r\nab\b\b\b\b\bZ");
	CHECK_STR(row_text(1), "Zb        ");
	CHECK_EQ(sc.row, 1);
	attach(10, 4);
	puts_grey("\bY");
	CHECK_STR(row_text(0), "Y         ");
}

static void test_tab(void)
{
	attach(20, 4);
	put("a\tb", WHITE_ON_BLUE);
	CHECK_STR(row_text(0), "a       b           ");
	CHECK_EQ(sc.col, 9);
	/* The blanks are written, in the colour given. */
	CHECK(cell_is(screen_cell_at(&sc, 0, 4), ' ', WHITE_ON_BLUE));
	CHECK(cell_is(screen_cell_at(&sc, 0, 9), ' ', BLANK));

	/* From a tab stop, on to the next one. */
	attach(20, 4);
	puts_grey("\t");
	CHECK_EQ(sc.col, 8);
	puts_grey("\t");
	CHECK_EQ(sc.col, 16);

	/* Near the end it stops at the edge, with the wrap pending. */
	puts_grey("x\t");
	CHECK_EQ(sc.col, 20);
	CHECK_EQ(sc.row, 0);
	puts_grey("y");
	CHECK_STR(row_text(1), "y                   ");
}

static void test_unprintable_as_question_mark(void)
{
	attach(10, 4);
	puts_grey("\x01\x1F\x7F\x80\xFF.");
	CHECK_STR(row_text(0), "?????.    ");
}

static void test_bell_shows_nothing(void)
{
	attach(10, 4);
	puts_grey("a\ab");
	CHECK_STR(row_text(0), "ab        ");
	CHECK_EQ(sc.col, 2);
}

static void test_escape_sequences_swallowed(void)
{
	attach(10, 4);
	puts_grey("a\x1b[1;31mb");
	CHECK_STR(row_text(0), "ab        ");
	CHECK_EQ(sc.col, 2);

	/* ESC and another byte: just that byte goes. */
	attach(10, 4);
	puts_grey("a\x1bXbc");
	CHECK_STR(row_text(0), "abc       ");

	/* A sequence split across writes. */
	attach(10, 4);
	puts_grey("a\x1b");
	puts_grey("[0");
	puts_grey("Kb");
	CHECK_STR(row_text(0), "ab        ");
}

static void test_attribute_per_cell(void)
{
	attach(10, 4);
	put("a", WHITE_ON_BLUE);
	put("b", VGA_ATTR(VGA_YELLOW, VGA_RED));
	CHECK(cell_is(screen_cell_at(&sc, 0, 0), 'a', WHITE_ON_BLUE));
	CHECK(cell_is(screen_cell_at(&sc, 0, 1), 'b', VGA_ATTR(VGA_YELLOW, VGA_RED)));
	CHECK(cell_is(screen_cell_at(&sc, 0, 2), ' ', BLANK));
}

static void test_wrap_when_next_printable_arrives(void)
{
	attach(5, 4);
	puts_grey("abcde");
	CHECK_EQ(sc.row, 0);
	CHECK_EQ(sc.col, 5);            /* the wrap is pending */
	CHECK_STR(row_text(1), "     ");
	puts_grey("f");
	CHECK_STR(row_text(0), "abcde");
	CHECK_STR(row_text(1), "f    ");
	CHECK_EQ(sc.row, 1);
	CHECK_EQ(sc.col, 1);

	/* A full line and then CR LF: no blank line between. */
	attach(5, 4);
	puts_grey("abcde\r\nf");
	CHECK_STR(row_text(0), "abcde");
	CHECK_STR(row_text(1), "f    ");
	CHECK_STR(row_text(2), "     ");
}

static void test_scrolling(void)
{
	enum { ROWS = 4, K = 3 * ROWS + 1 };
	char line[16];
	unsigned i, c;

	attach(6, ROWS);
	for (i = 0; i < ROWS + K; i++) {
		snprintf(line, sizeof(line), "%sL%u", i ? "\r\n" : "", i);
		put(line, WHITE_ON_BLUE);
	}
	CHECK_STR(row_text(0), "L13   ");
	CHECK_STR(row_text(ROWS - 1), "L16   ");
	CHECK_EQ(sc.row, ROWS - 1);

	/* One more line: a blank bottom row in the blank colour. */
	puts_grey("\r\n");
	CHECK_STR(row_text(0), "L14   ");
	CHECK_STR(row_text(ROWS - 2), "L16   ");
	for (c = 0; c < 6; c++)
		CHECK(cell_is(screen_cell_at(&sc, ROWS - 1, c), ' ', BLANK));

	/* A wrap on the bottom row scrolls too. */
	puts_grey("abcdefgh");
	CHECK_STR(row_text(0), "L15   ");
	CHECK_STR(row_text(ROWS - 2), "abcdef");
	CHECK_STR(row_text(ROWS - 1), "gh    ");
}

static void test_first_update_draws_all(void)
{
	attach(10, 4);
	CHECK(screen_dirty(&sc));
	screen_update(&sc);
	CHECK_EQ(fake.calls, 10 * 4);
	CHECK_EQ(fake.outside, 0);
	CHECK(cell_is(fake.cell[0][0], ' ', reversed(BLANK)));
	CHECK(cell_is(fake.cell[0][1], ' ', BLANK));
	CHECK(cell_is(fake.cell[3][9], ' ', BLANK));
	CHECK(!screen_dirty(&sc));

	/* Nothing written: nothing drawn. */
	fake.calls = 0;
	screen_update(&sc);
	CHECK_EQ(fake.calls, 0);
}

static void test_update_draws_changes_only(void)
{
	attach(10, 4);
	screen_update(&sc);
	fake.calls = 0;
	put("x", WHITE_ON_BLUE);
	CHECK(screen_dirty(&sc));
	screen_update(&sc);
	/* The cell written (the cursor's old cell) and the cursor's new one. */
	CHECK_EQ(fake.calls, 2);
	CHECK(cell_is(fake.cell[0][0], 'x', WHITE_ON_BLUE));
	CHECK(cell_is(fake.cell[0][1], ' ', reversed(BLANK)));
	CHECK_EQ(shown_mismatches(), 0);

	/* Moving the cursor alone: its old cell and its new one. */
	fake.calls = 0;
	puts_grey("\n");
	screen_update(&sc);
	CHECK_EQ(fake.calls, 2);
	CHECK(cell_is(fake.cell[0][1], ' ', BLANK));
	CHECK(cell_is(fake.cell[1][1], ' ', reversed(BLANK)));

	/* Scrolling redraws what moved; the result matches the grid. */
	puts_grey("1\r\n2\r\n3\r\n4\r\n5");
	screen_update(&sc);
	CHECK_EQ(shown_mismatches(), 0);
	CHECK_EQ(fake.outside, 0);
}

static void test_cursor_reversed(void)
{
	uint8_t attr = VGA_ATTR(VGA_YELLOW, VGA_RED);

	attach(10, 4);
	put("ab\b", attr);
	screen_update(&sc);
	CHECK(cell_is(fake.cell[0][0], 'a', attr));
	CHECK(cell_is(fake.cell[0][1], 'b', VGA_ATTR(VGA_RED, VGA_BROWN)));

	/* With the wrap pending the cursor shows on the last column. */
	attach(5, 4);
	put("abcde", WHITE_ON_BLUE);
	screen_update(&sc);
	CHECK(cell_is(fake.cell[0][4], 'e', VGA_ATTR(VGA_BLUE, VGA_LIGHT_GREY)));
	CHECK(cell_is(fake.cell[1][0], ' ', BLANK));
}

static void test_attach_caps_size(void)
{
	attach(1000, 1000);
	CHECK_EQ(sc.cols, SCREEN_MAX_COLS);
	CHECK_EQ(sc.rows, SCREEN_MAX_ROWS);
	screen_update(&sc);
	CHECK_EQ(fake.calls, SCREEN_MAX_COLS * SCREEN_MAX_ROWS);
	CHECK_EQ(fake.outside, 0);
}

/* Less than one cell (a framebuffer smaller than a glyph): no screen. */
static void test_attach_no_cells(void)
{
	attach(80, 0);
	CHECK(sc.ops == NULL);
	put("x\r\n", BLANK);
	CHECK(!screen_dirty(&sc));
	attach(0, 25);
	CHECK(sc.ops == NULL);
	put("x", BLANK);
	screen_update(&sc);
	CHECK_EQ(fake.calls, 0);
}

static void test_attach_clears(void)
{
	attach(10, 4);
	puts_grey("old\r\ntext");
	screen_update(&sc);
	attach(10, 4);
	CHECK_STR(row_text(0), "          ");
	CHECK_STR(row_text(1), "          ");
	CHECK_EQ(sc.row, 0);
	CHECK_EQ(sc.col, 0);
	screen_update(&sc);
	CHECK_EQ(fake.calls, 40);
}

static void test_without_back_end(void)
{
	static struct screen none;

	screen_write(&none, "abc", 3, BLANK);
	CHECK(!screen_dirty(&none));

	attach(10, 4);
	screen_update(&sc);
	screen_detach(&sc);
	fake.calls = 0;
	puts_grey("abc");
	CHECK_STR(row_text(0), "          ");
	CHECK(!screen_dirty(&sc));
	screen_update(&sc);
	CHECK_EQ(fake.calls, 0);
}

static void test_empty_write_not_dirty(void)
{
	attach(10, 4);
	screen_update(&sc);
	screen_write(&sc, "x", 0, BLANK);
	CHECK(!screen_dirty(&sc));
}

static void test_set_dev(void)
{
	static struct fake other;

	attach(10, 4);
	screen_update(&sc);
	memset(&other, 0, sizeof(other));
	other.cols = 10;
	other.rows = 4;
	screen_set_dev(&sc, &other);
	fake.calls = 0;
	puts_grey("z");
	screen_update(&sc);
	CHECK_EQ(fake.calls, 0);
	CHECK_EQ(other.calls, 2);
	CHECK(cell_is(other.cell[0][0], 'z', BLANK));
}

/* Framebuffers: a buffer pre-filled with MARKER, big enough for them all. */
static uint8_t pixels[2560 * 2 * 64] ALIGNED(8);
static struct screen_fb fb;

static struct fb_format format32(uint32_t width, uint32_t height, uint32_t pitch)
{
	return (struct fb_format){ .pitch = pitch, .width = width,
		.height = height, .bpp = 32, .red_pos = 16, .red_size = 8,
		.green_pos = 8, .green_size = 8, .blue_pos = 0, .blue_size = 8 };
}

static void fb_setup(const struct fb_format *f, unsigned *cols, unsigned *rows)
{
	memset(pixels, MARKER, sizeof(pixels));
	screen_fb_init(&fb, pixels, f, cols, rows);
}

static uint32_t pixel_at(unsigned x, unsigned y)
{
	const uint8_t *p = pixels + y * fb.format.pitch + x * fb.bytes;
	uint32_t v = 0;
	unsigned i;

	for (i = 0; i < fb.bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

/* Pixels of the cell at (row, col) that are not ch in colours fg on bg. */
static unsigned cell_mismatches(unsigned row, unsigned col, uint8_t ch,
				uint32_t fg, uint32_t bg)
{
	const uint8_t *glyph = font_glyphs[ch - FONT_FIRST];
	unsigned s = fb.scale, w = FONT_WIDTH * s, h = FONT_HEIGHT * s;
	unsigned x, y, bad = 0;

	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			bool on = glyph[y / s] & (0x80u >> (x / s));

			if (pixel_at(col * w + x, row * h + y) != (on ? fg : bg))
				bad++;
		}
	}
	return bad;
}

/* Bytes of the buffer outside the cell at (row, col) that were changed. */
static unsigned touched_outside(unsigned row, unsigned col)
{
	unsigned w = FONT_WIDTH * fb.scale, h = FONT_HEIGHT * fb.scale;
	size_t off, size = (size_t)fb.format.pitch * fb.format.height;
	unsigned bad = 0;

	for (off = 0; off < size; off++) {
		size_t y = off / fb.format.pitch, xb = off % fb.format.pitch;
		bool inside = y >= row * h && y < (row + 1) * h &&
			      xb >= col * w * fb.bytes &&
			      xb < (col + 1) * w * fb.bytes;

		if (!inside && pixels[off] != MARKER)
			bad++;
	}
	return bad;
}

static void draw_at(unsigned row, unsigned col, uint8_t ch, uint8_t attr)
{
	screen_fb_ops.draw(&fb, row, col, (struct screen_cell){ ch, attr });
}

static void test_fb_32bpp(void)
{
	static const uint32_t pitches[] = { 64 * 4, 300 };
	unsigned i, cols, rows;

	for (i = 0; i < ARRAY_SIZE(pitches); i++) {
		struct fb_format f = format32(64, 48, pitches[i]);

		fb_setup(&f, &cols, &rows);
		CHECK_EQ(cols, 8);
		CHECK_EQ(rows, 3);
		CHECK_EQ(fb.scale, 1);
		draw_at(1, 2, 'A', WHITE_ON_BLUE);
		CHECK_EQ(cell_mismatches(1, 2, 'A', 0xFFFFFF, 0x0000AA), 0);
		CHECK_EQ(touched_outside(1, 2), 0);
	}
}

static void test_fb_colour_positions(void)
{
	struct fb_format f = format32(64, 48, 256);
	unsigned cols, rows;

	/* Blue on top, red at the bottom. */
	f.red_pos = 0;
	f.blue_pos = 16;
	fb_setup(&f, &cols, &rows);
	draw_at(0, 0, 'A', VGA_ATTR(VGA_BROWN, VGA_BLUE));
	CHECK_EQ(cell_mismatches(0, 0, 'A', 0x0055AA, 0xAA0000), 0);
}

static void test_fb_16bpp(void)
{
	struct fb_format f = { .pitch = 64 * 2, .width = 64, .height = 48,
		.bpp = 16, .red_pos = 11, .red_size = 5, .green_pos = 5,
		.green_size = 6, .blue_pos = 0, .blue_size = 5 };
	unsigned cols, rows;

	fb_setup(&f, &cols, &rows);
	CHECK_EQ(cols, 8);
	CHECK_EQ(rows, 3);
	CHECK_EQ(fb.bytes, 2);
	draw_at(2, 7, 'A', WHITE_ON_BLUE);
	CHECK_EQ(cell_mismatches(2, 7, 'A', 0xFFFF, 0x0015), 0);
	CHECK_EQ(touched_outside(2, 7), 0);
}

static void test_fb_24bpp(void)
{
	struct fb_format f = format32(64, 48, 64 * 3);
	unsigned cols, rows;
	const uint8_t *p;

	f.bpp = 24;
	fb_setup(&f, &cols, &rows);
	CHECK_EQ(fb.bytes, 3);
	CHECK_EQ(cols, 8);
	draw_at(1, 1, 'A', WHITE_ON_BLUE);
	CHECK_EQ(cell_mismatches(1, 1, 'A', 0xFFFFFF, 0x0000AA), 0);
	CHECK_EQ(touched_outside(1, 1), 0);
	/* Little endian: blue's byte first. */
	p = pixels + 16 * f.pitch + 8 * 3;
	CHECK_EQ(p[0], 0xAA);
	CHECK_EQ(p[1], 0x00);
	CHECK_EQ(p[2], 0x00);
}

static void test_fb_unprintable_as_question_mark(void)
{
	struct fb_format f = format32(64, 48, 256);
	unsigned cols, rows;

	fb_setup(&f, &cols, &rows);
	draw_at(0, 0, 0x01, WHITE_ON_BLUE);
	CHECK_EQ(cell_mismatches(0, 0, '?', 0xFFFFFF, 0x0000AA), 0);
}

static void test_fb_wide_scales(void)
{
	struct fb_format f = { .pitch = 2560 * 2, .width = 2560, .height = 64,
		.bpp = 16, .red_pos = 11, .red_size = 5, .green_pos = 5,
		.green_size = 6, .blue_pos = 0, .blue_size = 5 };
	unsigned cols, rows;

	fb_setup(&f, &cols, &rows);
	CHECK_EQ(fb.scale, 2);
	CHECK_EQ(cols, 160);
	CHECK_EQ(rows, 2);
	draw_at(1, 3, 'A', WHITE_ON_BLUE);
	CHECK_EQ(cell_mismatches(1, 3, 'A', 0xFFFF, 0x0015), 0);
	CHECK_EQ(touched_outside(1, 3), 0);

	/* Just under twice the width: still scale 1. */
	f.width = 2560 / 2;
	fb_setup(&f, &cols, &rows);
	CHECK_EQ(fb.scale, 1);
	CHECK_EQ(cols, 160);
	f.width = 2560 / 2 + 1;
	fb_setup(&f, &cols, &rows);
	CHECK_EQ(fb.scale, 2);
	CHECK_EQ(cols, 80);
}

static void test_fb_clear(void)
{
	/* 60 x 40 leaves margins: 4 pixels right of the cells, 8 lines below. */
	struct fb_format f = format32(60, 40, 300);
	unsigned cols, rows, x, y, bad = 0;
	size_t off;

	fb_setup(&f, &cols, &rows);
	CHECK_EQ(cols, 7);
	CHECK_EQ(rows, 2);
	screen_fb_clear(&fb);
	for (y = 0; y < f.height; y++)
		for (x = 0; x < f.width; x++)
			if (pixel_at(x, y) != 0)
				bad++;
	CHECK_EQ(bad, 0);
	/* The padding past each line's last pixel is left alone. */
	bad = 0;
	for (y = 0; y < f.height; y++)
		for (off = f.width * 4; off < f.pitch; off++)
			if (pixels[y * f.pitch + off] != MARKER)
				bad++;
	CHECK_EQ(bad, 0);
	CHECK_EQ(pixels[f.pitch * f.height], MARKER);
}

static void test_vga_draw(void)
{
	static uint16_t cells[25 * 100];
	struct screen_vga vga = { cells, 100 };
	unsigned i, bad = 0;

	for (i = 0; i < ARRAY_SIZE(cells); i++)
		cells[i] = 0xDEAD;
	screen_vga_ops.draw(&vga, 2, 5, (struct screen_cell){ 'Q', WHITE_ON_BLUE });
	CHECK_EQ(cells[2 * 100 + 5], VGA_CELL('Q', WHITE_ON_BLUE));
	CHECK_EQ(cells[2 * 100 + 5], 0x1F51);
	for (i = 0; i < ARRAY_SIZE(cells); i++)
		if (i != 2 * 100 + 5 && cells[i] != 0xDEAD)
			bad++;
	CHECK_EQ(bad, 0);
}

static void test_vga_screen(void)
{
	static uint16_t cells[25 * 100];
	struct screen_vga vga = { cells, 100 };

	memset(cells, 0, sizeof(cells));
	screen_attach(&sc, &screen_vga_ops, &vga, 80, 25);
	put("ok\r\n!", WHITE_ON_BLUE);
	screen_update(&sc);
	CHECK_EQ(cells[0], VGA_CELL('o', WHITE_ON_BLUE));
	CHECK_EQ(cells[1], VGA_CELL('k', WHITE_ON_BLUE));
	CHECK_EQ(cells[79], VGA_CELL(' ', BLANK));
	CHECK_EQ(cells[80], 0);                 /* beyond the columns used */
	CHECK_EQ(cells[100], VGA_CELL('!', WHITE_ON_BLUE));
	CHECK_EQ(cells[101], VGA_CELL(' ', reversed(BLANK)));
	CHECK_EQ(cells[24 * 100 + 79], VGA_CELL(' ', BLANK));
}

static void test_fb_screen_end_to_end(void)
{
	struct fb_format f = format32(64, 48, 256);
	unsigned cols, rows;

	fb_setup(&f, &cols, &rows);
	screen_fb_clear(&fb);
	screen_attach(&sc, &screen_fb_ops, &fb, cols, rows);
	puts_grey("hi\r\n");
	screen_update(&sc);
	CHECK_EQ(cell_mismatches(0, 0, 'h', 0xAAAAAA, 0), 0);
	CHECK_EQ(cell_mismatches(0, 1, 'i', 0xAAAAAA, 0), 0);
	/* The cursor: a blank in reverse, all light grey. */
	CHECK_EQ(cell_mismatches(1, 0, ' ', 0, 0xAAAAAA), 0);
	CHECK_EQ(cell_mismatches(1, 1, ' ', 0, 0), 0);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_printable_at_cursor),
		TEST_ENTRY(test_cr_and_lf),
		TEST_ENTRY(test_backspace),
		TEST_ENTRY(test_tab),
		TEST_ENTRY(test_unprintable_as_question_mark),
		TEST_ENTRY(test_bell_shows_nothing),
		TEST_ENTRY(test_escape_sequences_swallowed),
		TEST_ENTRY(test_attribute_per_cell),
		TEST_ENTRY(test_wrap_when_next_printable_arrives),
		TEST_ENTRY(test_scrolling),
		TEST_ENTRY(test_first_update_draws_all),
		TEST_ENTRY(test_update_draws_changes_only),
		TEST_ENTRY(test_cursor_reversed),
		TEST_ENTRY(test_attach_caps_size),
		TEST_ENTRY(test_attach_no_cells),
		TEST_ENTRY(test_attach_clears),
		TEST_ENTRY(test_without_back_end),
		TEST_ENTRY(test_empty_write_not_dirty),
		TEST_ENTRY(test_set_dev),
		TEST_ENTRY(test_fb_32bpp),
		TEST_ENTRY(test_fb_colour_positions),
		TEST_ENTRY(test_fb_16bpp),
		TEST_ENTRY(test_fb_24bpp),
		TEST_ENTRY(test_fb_unprintable_as_question_mark),
		TEST_ENTRY(test_fb_wide_scales),
		TEST_ENTRY(test_fb_clear),
		TEST_ENTRY(test_vga_draw),
		TEST_ENTRY(test_vga_screen),
		TEST_ENTRY(test_fb_screen_end_to_end),
	};
	return check_main("screen", tests, sizeof(tests) / sizeof(tests[0]));
}
