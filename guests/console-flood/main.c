/*
 * console-flood: writes to the console far faster than a serial line
 * sends, through a full async ring and through one long synchronous write,
 * so that the hypervisor must stop its calls part-way (the guest's console
 * share is full) and resume them later. Every byte must come out exactly
 * once and in order, every call must return what it wrote, and a
 * synchronous call queued behind the ring runs only after all of it.
 *
 * Each line is "L<number> " and a fixed pattern, so the test's filter can
 * check every line and shrink it to its number. rounds=N repeats the
 * whole flood (scripts/bench uses it to measure a neighbour's wait).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

#define LINE_BYTES      97      /* "L00000 " + 89 pattern bytes + '\n' */
#define LINES_PER_WRITE 10
#define WRITE_BYTES     (LINE_BYTES * LINES_PER_WRITE)
#define LONG_LINES      (HV_CONSOLE_MAX / LINE_BYTES)

static const char pattern[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	"abcdefghijklmnopqrstuvwxyz.";
static char text[HV_ASYNC_SLOTS][WRITE_BYTES];
static char long_text[LONG_LINES * LINE_BYTES];
static unsigned line_no, wrong;

_Static_assert(sizeof(pattern) - 1 == LINE_BYTES - 8, "pattern length");

static void fill_lines(char *p, unsigned lines)
{
	unsigned i;

	for (i = 0; i < lines; i++, p += LINE_BYTES) {
		snprintf(p, 8, "L%05u", line_no++);
		p[6] = ' ';
		memcpy(p + 7, pattern, LINE_BYTES - 8);
		p[LINE_BYTES - 1] = '\n';
	}
}

static void expect(const char *what, unsigned i, uint32_t got, uint32_t want)
{
	if (got != want) {
		printf("FAIL %s %u: %u, not %u\n", what, i, got, want);
		wrong++;
	}
}

/* A whole ring of console writes, then a synchronous write behind it. */
static void ring_flood(void)
{
	static const char after[] = "sync write after the ring\n";
	unsigned slot[HV_ASYNC_SLOTS], i;
	uint32_t r;

	for (i = 0; i < HV_ASYNC_SLOTS; i++) {
		fill_lines(text[i], LINES_PER_WRITE);
		slot[i] = hv_async(HV_CALL_CONSOLE_WRITE, (uint32_t)text[i],
				   WRITE_BYTES, 0, 0);
	}
	r = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)after, sizeof(after) - 1, 0, 0);
	expect("sync write result", 0, r, sizeof(after) - 1);
	for (i = 0; i < HV_ASYNC_SLOTS; i++) {
		expect("slot status", i, hv_self()->slot_status[slot[i]],
		       HV_SLOT_DONE);
		expect("slot result", i, hv_self()->slots[slot[i]].result,
		       WRITE_BYTES);
	}
}

/* One synchronous write of the largest size, many lines long. */
static void long_write(void)
{
	uint32_t r;

	fill_lines(long_text, LONG_LINES);
	r = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)long_text, sizeof(long_text),
		  0, 0);
	expect("long write result", 0, r, sizeof(long_text));
}

int main(int argc, char **argv)
{
	unsigned rounds = 1, r;
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "rounds=", 7) == 0)
			rounds = (unsigned)strtoul(argv[i] + 7, NULL, 0);
	for (r = 0; r < rounds; r++) {
		ring_flood();
		long_write();
		ring_flood();
	}
	printf("%u lines written, %u wrong results\n", line_no, wrong);
	return wrong != 0;
}
