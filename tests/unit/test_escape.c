/* The console input's escape: Ctrl-A three times switches; fewer pass through. */
#include <string.h>
#include <hv/escape.h>
#include "check.h"

/* Feeds s; returns what was passed on, with '|' where the escape fired. */
static const char *feed(struct escape *e, const char *s, size_t len)
{
	static char out[64];
	uint8_t pass[ESCAPE_COUNT];
	size_t o = 0, i;
	unsigned n, j;

	for (i = 0; i < len; i++) {
		if (escape_feed(e, (uint8_t)s[i], pass, &n))
			out[o++] = '|';
		for (j = 0; j < n; j++)
			out[o++] = pass[j] == ESCAPE_KEY ? '^' : (char)pass[j];
	}
	out[o] = 0;
	return out;
}

static void test_plain_bytes_pass(void)
{
	struct escape e = { 0 };

	CHECK_STR(feed(&e, "hello\n", 6), "hello\n");
}

static void test_three_switch(void)
{
	struct escape e = { 0 };

	CHECK_STR(feed(&e, "a\1\1\1b", 5), "a|b");
	CHECK_STR(feed(&e, "\1\1\1\1\1\1", 6), "||");
	CHECK_EQ(e.held, 0);
}

static void test_fewer_are_passed_on(void)
{
	struct escape e = { 0 };

	CHECK_STR(feed(&e, "\1x", 2), "^x");
	CHECK_STR(feed(&e, "\1\1y", 3), "^^y");
	/* Held across calls until the run breaks or completes. */
	CHECK_STR(feed(&e, "\1\1", 2), "");
	CHECK_EQ(e.held, 2);
	CHECK_STR(feed(&e, "z", 1), "^^z");
	CHECK_STR(feed(&e, "\1\1\1\1z", 5), "|^z");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_plain_bytes_pass),
		TEST_ENTRY(test_three_switch),
		TEST_ENTRY(test_fewer_are_passed_on),
	};
	return check_main("escape", tests, sizeof(tests) / sizeof(tests[0]));
}
