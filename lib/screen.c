#include <x86/vga.h>
#include "screen.h"

#define ESC             0x1B
#define ESC_NONE        0u
#define ESC_SEEN        1u              /* after ESC */
#define ESC_CSI         2u              /* after ESC [ */
#define BLANK_ATTR      VGA_ATTR(VGA_LIGHT_GREY, VGA_BLACK)

static struct screen_cell *grid_row(struct screen *sc, unsigned row)
{
	return sc->cells[(sc->top + row) % sc->rows];
}

static void clear_row(struct screen_cell *cells, unsigned cols)
{
	unsigned i;

	for (i = 0; i < cols; i++)
		cells[i] = (struct screen_cell){ ' ', BLANK_ATTR };
}

void screen_attach(struct screen *sc, const struct screen_ops *ops, void *dev,
		   unsigned cols, unsigned rows)
{
	unsigned r;

	if (cols == 0 || rows == 0) {
		sc->ops = NULL;         /* not one whole cell: no screen */
		return;
	}
	sc->ops = ops;
	sc->dev = dev;
	sc->cols = cols < SCREEN_MAX_COLS ? cols : SCREEN_MAX_COLS;
	sc->rows = rows < SCREEN_MAX_ROWS ? rows : SCREEN_MAX_ROWS;
	sc->top = sc->row = sc->col = 0;
	sc->esc = ESC_NONE;
	for (r = 0; r < sc->rows; r++)
		clear_row(sc->cells[r], sc->cols);
	sc->dirty = sc->redraw = true;
}

void screen_detach(struct screen *sc)
{
	sc->ops = NULL;
}

void screen_set_dev(struct screen *sc, void *dev)
{
	sc->dev = dev;
}

static void line_feed(struct screen *sc)
{
	if (sc->row + 1 < sc->rows) {
		sc->row++;
		return;
	}
	/* Scrolling is a turn of the ring of rows: the oldest becomes the
	 * new bottom line. */
	sc->top = (sc->top + 1) % sc->rows;
	clear_row(grid_row(sc, sc->rows - 1), sc->cols);
}

static void put_char(struct screen *sc, uint8_t ch, uint8_t attr)
{
	if (sc->col == sc->cols) {
		sc->col = 0;
		line_feed(sc);
	}
	grid_row(sc, sc->row)[sc->col++] = (struct screen_cell){ ch, attr };
}

/* Whether c belongs to an escape sequence (and is swallowed). */
static bool in_escape(struct screen *sc, uint8_t c)
{
	switch (sc->esc) {
	case ESC_SEEN:
		sc->esc = c == '[' ? ESC_CSI : ESC_NONE;
		return true;
	case ESC_CSI:
		if (c >= 0x40 && c <= 0x7E)    /* the final byte */
			sc->esc = ESC_NONE;
		return true;
	default:
		if (c != ESC)
			return false;
		sc->esc = ESC_SEEN;
		return true;
	}
}

static void put_byte(struct screen *sc, uint8_t c, uint8_t attr)
{
	if (in_escape(sc, c))
		return;
	switch (c) {
	case '\r':
		sc->col = 0;
		break;
	case '\n':
		line_feed(sc);
		break;
	case '\b':
		if (sc->col > 0)
			sc->col--;
		break;
	case '\t':
		do {
			put_char(sc, ' ', attr);
		} while (sc->col % SCREEN_TAB && sc->col < sc->cols);
		break;
	case '\a':
		break;
	default:
		put_char(sc, c >= 0x20 && c <= 0x7E ? c : '?', attr);
		break;
	}
}

void screen_write(struct screen *sc, const char *s, size_t len, uint8_t attr)
{
	size_t i;

	if (!sc->ops)
		return;
	for (i = 0; i < len; i++)
		put_byte(sc, (uint8_t)s[i], attr);
	if (len)
		sc->dirty = true;
}

bool screen_dirty(const struct screen *sc)
{
	return sc->ops && sc->dirty;
}

struct screen_cell screen_cell_at(const struct screen *sc, unsigned row,
				  unsigned col)
{
	return sc->cells[(sc->top + row) % sc->rows][col];
}

static struct screen_cell reversed(struct screen_cell c)
{
	c.attr = VGA_ATTR(VGA_ATTR_BG(c.attr), VGA_ATTR_FG(c.attr) & 0x07u);
	return c;
}

void screen_update(struct screen *sc)
{
	unsigned cursor_col = sc->col < sc->cols ? sc->col : sc->cols - 1;
	unsigned r, c;

	if (!screen_dirty(sc))
		return;
	for (r = 0; r < sc->rows; r++) {
		const struct screen_cell *row = grid_row(sc, r);

		for (c = 0; c < sc->cols; c++) {
			struct screen_cell want = row[c];

			if (r == sc->row && c == cursor_col)
				want = reversed(want);
			if (!sc->redraw && want.ch == sc->shown[r][c].ch &&
			    want.attr == sc->shown[r][c].attr)
				continue;
			sc->ops->draw(sc->dev, r, c, want);
			sc->shown[r][c] = want;
		}
	}
	sc->dirty = sc->redraw = false;
}
