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

/* Whether the start of this line is still the last thing on the wire. */
static bool continues(struct guest *g)
{
	if (g->wire_len && !console_line_open(owner_of(g)))
		g->wire_len = 0;
	return g->wire_len > 0;
}

/*
 * Writes what is buffered: after the part of the line already out, if
 * nothing came in between, else on a line of its own with the name. With
 * end, the line ends; otherwise it stays open (a prompt).
 */
static void emit(struct guest *g, bool end)
{
	const char *nl = end ? "\n" : "";

	if (continues(g))
		console_printf_as(owner_of(g), "%.*s%s", (int)g->line_len,
				  g->line, nl);
	else
		console_printf_as(owner_of(g), "%s: %.*s%s", g->name,
				  (int)g->line_len, g->line, nl);
	g->wire_len = end ? 0 : g->wire_len + g->line_len;
	g->line_len = 0;
}

/*
 * Backspace: erases the last byte of the line, from the buffer or, once
 * out, on the wire; never past the line's start, so never the name.
 */
static void erase(struct guest *g)
{
	if (g->line_len) {
		g->line_len--;
	} else if (continues(g)) {
		console_printf_as(owner_of(g), "\b \b");
		g->wire_len--;
	}
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
			emit(g, true);
			continue;
		}
		if (c == '\r')
			continue;
		if (c == '\b') {
			erase(g);
			continue;
		}
		if ((c < ' ' && c != '\t') || c == 0x7F || (unsigned char)c >= 0x80)
			c = '.';
		g->line[g->line_len++] = c;
		if (g->line_len == sizeof(g->line)) {
			if (!room_for_line(g)) {
				g->line_len--;
				return i;
			}
			emit(g, true);
		}
	}
	return len;
}

void guest_console_flush(struct guest *g)
{
	if (g->line_len || continues(g))
		emit(g, true);
}

void guest_console_show(struct guest *g)
{
	if (g->line_len && room_for_line(g))
		emit(g, false);
}
