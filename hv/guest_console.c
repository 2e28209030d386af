#include <lib/console.h>
#include <lib/string.h>
#include "guest.h"
#include "guest_console.h"

static unsigned owner_of(const struct guest *g)
{
	return CONSOLE_OWNER_HV + 1 + g->id;
}

/* "NAME: " + the line + "\r\n". */
static size_t line_bytes(const struct guest *g)
{
	return strlen(g->name) + 2 + g->line_len + 2;
}

static void emit(struct guest *g)
{
	console_printf_as(owner_of(g), "%s: %.*s\n", g->name, (int)g->line_len,
			  g->line);
	g->line_len = 0;
}

static bool room_for_line(const struct guest *g)
{
	return console_fits(owner_of(g), line_bytes(g), GUEST_CONSOLE_SHARE);
}

size_t guest_console_put(struct guest *g, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			if (!room_for_line(g))
				return i;
			emit(g);
			continue;
		}
		if (c == '\r')
			continue;
		if ((c < ' ' && c != '\t') || c == 0x7F || (unsigned char)c >= 0x80)
			c = '.';
		g->line[g->line_len++] = c;
		if (g->line_len == sizeof(g->line)) {
			if (!room_for_line(g)) {
				g->line_len--;
				return i;
			}
			emit(g);
		}
	}
	return len;
}

void guest_console_flush(struct guest *g)
{
	if (g->line_len)
		emit(g);
}
