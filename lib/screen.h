/*
 * The screen console's text grid. Everything the console writes can also
 * be shown on a screen: a grid of character cells with a cursor, which
 * scrolls up a line when output reaches the bottom. Writing only changes
 * the grid in memory, cheap enough to do at every console write;
 * screen_update() draws the cells that differ from what the screen shows,
 * through the back end's draw operation (screen_vga.h stores a text-mode
 * cell, screen_fb.h paints a glyph). Drawing is the slow part on a
 * framebuffer, so the caller decides when to update (lib/console.c at
 * boot and on flushes, hv/display.c once the guests run).
 *
 * Bytes are taken as a terminal takes them: printable ASCII is shown, CR
 * goes back to the first column, LF down a line, BS left one column, TAB
 * to the next multiple of 8; escape sequences (ESC [ ... final byte) are
 * skipped and other bytes show as '?'. A line longer than the screen
 * wraps. The cursor is the cell shown in reverse colours (no blinking, so
 * that a screen's image depends on its text alone).
 */
#ifndef LIB_SCREEN_H
#define LIB_SCREEN_H

#include <types.h>

#define SCREEN_MAX_COLS     240u
#define SCREEN_MAX_ROWS     100u
#define SCREEN_TAB          8u

/* A character (0x20 to 0x7E) and a VGA attribute (include/x86/vga.h). */
struct screen_cell {
	uint8_t ch, attr;
};

struct screen_ops {
	/* Shows c at (row, col), both inside the grid the back end gave. */
	void (*draw)(void *dev, unsigned row, unsigned col, struct screen_cell c);
};

struct screen {
	const struct screen_ops *ops;   /* NULL: nothing attached */
	void *dev;
	unsigned cols, rows;
	unsigned top;                   /* the row of cells shown at the top */
	unsigned row, col;              /* the cursor; col == cols: wrap next */
	unsigned esc;                   /* where in an escape sequence */
	bool dirty, redraw;
	struct screen_cell cells[SCREEN_MAX_ROWS][SCREEN_MAX_COLS];
	struct screen_cell shown[SCREEN_MAX_ROWS][SCREEN_MAX_COLS];
};

/*
 * Gives sc a back end of cols by rows cells (at most SCREEN_MAX_*; fewer
 * are used), empty, with the cursor at the top left; the first update
 * draws every cell. With no row or no column it is left without one.
 */
void screen_attach(struct screen *sc, const struct screen_ops *ops, void *dev,
		   unsigned cols, unsigned rows);

/* Takes the back end away: writes are dropped from now on. */
void screen_detach(struct screen *sc);

/* The back end's device moved (a framebuffer mapped elsewhere). */
void screen_set_dev(struct screen *sc, void *dev);

/* Writes s in colour attr; nothing happens without a back end. */
void screen_write(struct screen *sc, const char *s, size_t len, uint8_t attr);

/* Whether an update would draw something. */
bool screen_dirty(const struct screen *sc);

/* Draws what changed since the last update. */
void screen_update(struct screen *sc);

/* The cell the grid holds at (row, col) on the screen; for tests. */
struct screen_cell screen_cell_at(const struct screen *sc, unsigned row,
				  unsigned col);

#endif
