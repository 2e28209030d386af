#include "monitor_line.h"

#define KEY_BACKSPACE   0x08
#define KEY_DELETE      0x7F

bool mon_line_feed(struct mon_line *l, uint8_t c, char echo[3], unsigned *n)
{
	bool after_cr = l->after_cr;

	*n = 0;
	l->after_cr = c == '\r';
	if (c == '\r' || (c == '\n' && !after_cr)) {
		l->text[l->len] = 0;
		l->len = 0;
		echo[(*n)++] = '\n';
		return true;
	}
	if (c == KEY_BACKSPACE || c == KEY_DELETE) {
		if (l->len) {
			l->len--;
			echo[(*n)++] = '\b';
			echo[(*n)++] = ' ';
			echo[(*n)++] = '\b';
		}
	} else if (c >= 0x20 && c < 0x7F && l->len < MON_LINE_MAX) {
		l->text[l->len++] = (char)c;
		echo[(*n)++] = (char)c;
	}
	return false;
}

unsigned mon_split(char *text, char *words[], unsigned max)
{
	unsigned n = 0;

	while (*text && n < max) {
		while (*text == ' ')
			*text++ = 0;
		if (!*text)
			break;
		words[n++] = text;
		while (*text && *text != ' ')
			text++;
	}
	while (*text == ' ')
		*text++ = 0;
	return *text ? max + 1 : n;
}

static int digit(char c, unsigned base)
{
	int d = c >= '0' && c <= '9' ? c - '0' :
		c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;

	return d < (int)base ? d : -1;
}

bool mon_number(const char *s, uint32_t *value)
{
	unsigned base = 10;
	uint64_t v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if ((d = digit(*s, base)) < 0)
			return false;
		v = v * base + (unsigned)d;
		if (v > 0xFFFFFFFFull)
			return false;
	}
	*value = (uint32_t)v;
	return true;
}
