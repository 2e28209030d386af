/* The console formatter against the host's snprintf and fixed cases. */
#include <stdarg.h>
#include <stdio.h>
#include <lib/fmt.h>
#include "check.h"

static char got[256], want[256];

#define SAME_AS_LIBC(...)                                              \
	do {                                                           \
		size_t n_ = fmt_snprintf(got, sizeof(got), __VA_ARGS__); \
		int m_ = snprintf(want, sizeof(want), __VA_ARGS__);    \
		CHECK_STR(got, want);                                  \
		CHECK_EQ(n_, m_);                                      \
	} while (0)

static void test_integers(void)
{
	SAME_AS_LIBC("%d %i %u", -42, 7, 4000000000u);
	SAME_AS_LIBC("%d", (int)0x80000000);
	SAME_AS_LIBC("%x %X", 0xdeadbeefu, 0xabcdefu);
	SAME_AS_LIBC("%lld %llu %llx", -1234567890123ll,
		     18446744073709551615ull, 0x123456789abcdefull);
	SAME_AS_LIBC("%ld %lu %zu", -5l, 6ul, (size_t)77);
	SAME_AS_LIBC("%08x|%8x|%-8x|%0d", 0x1234u, 0x1234u, 0x1234u, 0);
	SAME_AS_LIBC("%5d|%-5d|%05d", -12, -12, -12);
	SAME_AS_LIBC("%u", 0u);
}

static void test_strings(void)
{
	SAME_AS_LIBC("[%s] [%10s] [%-10s]", "abc", "abc", "abc");
	SAME_AS_LIBC("[%.2s] [%.*s]", "abcdef", 3, "abcdef");
	SAME_AS_LIBC("%c%c%c", 'h', 'v', '!');
	SAME_AS_LIBC("%*d|%-*d", 6, 42, 6, 42);
	SAME_AS_LIBC("100%% sure");
	const char *volatile null_string = NULL;

	fmt_snprintf(got, sizeof(got), "%s", null_string);
	CHECK_STR(got, "(null)");
}

static void test_pointer(void)
{
	/* Zero-padded to the width of a pointer, whatever the word size. */
	fmt_snprintf(got, sizeof(got), "%p", (void *)0x1234);
	CHECK_STR(got, sizeof(void *) == 8 ? "0x0000000000001234"
					   : "0x00001234");
}

static void test_truncation(void)
{
	char small[6];
	size_t n = fmt_snprintf(small, sizeof(small), "%s-%d", "abcdef", 12);

	CHECK_STR(small, "abcde");
	CHECK_EQ(n, 9);
	n = fmt_snprintf(small, 1, "xyz");
	CHECK_STR(small, "");
	CHECK_EQ(n, 3);
	n = fmt_snprintf(NULL, 0, "%d", 12345);
	CHECK_EQ(n, 5);
}

/* Malformed formats, out of the compiler's sight. */
static size_t format_unchecked(char *buf, size_t size, const char *fmt)
{
	return fmt_snprintf(buf, size, fmt, 0);
}

static void test_unknown_conversion(void)
{
	format_unchecked(got, sizeof(got), "a%qb");
	CHECK_STR(got, "a%qb");
	format_unchecked(got, sizeof(got), "trailing %");
	CHECK_STR(got, "trailing ");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_integers),
		TEST_ENTRY(test_strings),
		TEST_ENTRY(test_pointer),
		TEST_ENTRY(test_truncation),
		TEST_ENTRY(test_unknown_conversion),
	};
	return check_main("fmt", tests, sizeof(tests) / sizeof(tests[0]));
}
