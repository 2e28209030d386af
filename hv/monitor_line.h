/*
 * The monitor's command line: a line editor for what is typed (printable
 * characters, Backspace or Delete to erase, Enter to end; other control
 * characters are ignored), and the splitting of a finished line into
 * words. What to echo is returned to the caller, so that a terminal shows
 * the line as edited. Pure: testable on the host.
 */
#ifndef HV_MONITOR_LINE_H
#define HV_MONITOR_LINE_H

#include <types.h>

#define MON_LINE_MAX    78              /* fits an 80-column terminal */
#define MON_WORDS_MAX   4

struct mon_line {
	char text[MON_LINE_MAX + 1];
	unsigned len;
	bool after_cr;                  /* a LF right after a CR ends nothing */
};

/*
 * Feeds one byte; sets echo[0..*n) to what the terminal should show. True
 * when it ends a line: text then holds it, NUL-terminated, and the next
 * byte starts a new one.
 */
bool mon_line_feed(struct mon_line *l, uint8_t c, char echo[3], unsigned *n);

/* Splits text in place at spaces; returns how many words (max + 1: too many). */
unsigned mon_split(char *text, char *words[], unsigned max);

/* A number: decimal, or hexadecimal after 0x. False if s is none. */
bool mon_number(const char *s, uint32_t *value);

#endif
