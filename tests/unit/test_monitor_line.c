/* The monitor's line editor, word splitting and numbers. */
#include <string.h>
#include <hv/monitor_line.h>
#include "check.h"

static struct mon_line line;
static char shown[256];
static size_t shown_len;

/* Types s; returns the number of lines it ended (the last in line.text). */
static unsigned type(const char *s)
{
	unsigned ended = 0, n, i;
	char echo[3];

	for (; *s; s++) {
		ended += mon_line_feed(&line, (uint8_t)*s, echo, &n);
		for (i = 0; i < n && shown_len < sizeof(shown) - 1; i++)
			shown[shown_len++] = echo[i];
	}
	shown[shown_len] = 0;
	return ended;
}

static void begin(void)
{
	memset(&line, 0, sizeof(line));
	shown_len = 0;
}

static void test_a_line(void)
{
	begin();
	CHECK_EQ(type("guests"), 0);
	CHECK_EQ(type("\r"), 1);
	CHECK_STR(line.text, "guests");
	CHECK_STR(shown, "guests\n");
	CHECK_EQ(type("\n"), 0);        /* the LF of a CRLF */
	CHECK_EQ(type("help\n"), 1);
	CHECK_STR(line.text, "help");
	CHECK_EQ(type("\n"), 1);        /* an empty line */
	CHECK_STR(line.text, "");
}

static void test_editing(void)
{
	begin();
	CHECK_EQ(type("hepl\b\blp\r"), 1);
	CHECK_STR(line.text, "help");
	CHECK_STR(shown, "hepl\b \b\b \blp\n");
	begin();
	CHECK_EQ(type("\x7f\bx\x7f\x01\x1b" "ab\r"), 1);  /* nothing to erase; controls ignored */
	CHECK_STR(line.text, "ab");
	CHECK_STR(shown, "x\b \bab\n");
}

static void test_too_long(void)
{
	unsigned i;

	begin();
	for (i = 0; i < MON_LINE_MAX + 10; i++)
		type("x");
	CHECK_EQ(shown_len, MON_LINE_MAX);
	CHECK_EQ(type("\r"), 1);
	CHECK_EQ(strlen(line.text), MON_LINE_MAX);
}

static void test_split(void)
{
	char text[64], *w[MON_WORDS_MAX];

	strcpy(text, "  walk  echo 0x1000 ");
	CHECK_EQ(mon_split(text, w, MON_WORDS_MAX), 3);
	CHECK_STR(w[0], "walk");
	CHECK_STR(w[1], "echo");
	CHECK_STR(w[2], "0x1000");
	strcpy(text, "   ");
	CHECK_EQ(mon_split(text, w, MON_WORDS_MAX), 0);
	strcpy(text, "a b c d e");
	CHECK_EQ(mon_split(text, w, MON_WORDS_MAX), MON_WORDS_MAX + 1);
	strcpy(text, "a b c d  ");
	CHECK_EQ(mon_split(text, w, MON_WORDS_MAX), MON_WORDS_MAX);
}

static void test_numbers(void)
{
	uint32_t v = 7;

	CHECK(mon_number("0", &v) && v == 0);
	CHECK(mon_number("4096", &v) && v == 4096);
	CHECK(mon_number("0xC0000000", &v) && v == 0xC0000000u);
	CHECK(mon_number("0xffffffff", &v) && v == 0xFFFFFFFFu);
	CHECK(mon_number("4294967295", &v) && v == 0xFFFFFFFFu);
	CHECK(!mon_number("4294967296", &v));
	CHECK(!mon_number("0x100000000", &v));
	CHECK(!mon_number("", &v));
	CHECK(!mon_number("0x", &v));
	CHECK(!mon_number("12a", &v));
	CHECK(!mon_number("-1", &v));
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_a_line),
		TEST_ENTRY(test_editing),
		TEST_ENTRY(test_too_long),
		TEST_ENTRY(test_split),
		TEST_ENTRY(test_numbers),
	};
	return check_main("monitor_line", tests, sizeof(tests) / sizeof(tests[0]));
}
