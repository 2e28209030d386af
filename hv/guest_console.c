#include <lib/console.h>
#include "guest.h"
#include "guest_console.h"

static void emit(struct guest *g)
{
	kprintf("%s: %.*s\n", g->name, (int)g->line_len, g->line);
	g->line_len = 0;
}

void guest_console_put(struct guest *g, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			emit(g);
			continue;
		}
		if (c == '\r')
			continue;
		if ((c < ' ' && c != '\t') || c == 0x7F || (unsigned char)c >= 0x80)
			c = '.';
		g->line[g->line_len++] = c;
		if (g->line_len == sizeof(g->line))
			emit(g);
	}
}

void guest_console_flush(struct guest *g)
{
	if (g->line_len)
		emit(g);
}
