/* Command-line words (key=value, bare words) and size parsing. */
#include <string.h>
#include <hv/cmdline.h>
#include "check.h"

/* The word's key and value as strings; "(none)" for a bare word. */
static char key[64], value[64];

static bool next(const char **pos)
{
	struct cmdline_word w;

	if (!cmdline_next(pos, &w))
		return false;
	memcpy(key, w.key, w.keylen);
	key[w.keylen] = '\0';
	if (w.value) {
		memcpy(value, w.value, w.valuelen);
		value[w.valuelen] = '\0';
	} else {
		strcpy(value, "(none)");
	}
	return true;
}

static void test_splitting(void)
{
	const char *pos = "  console=serial\t\tquiet   mem=64M \t";

	CHECK(next(&pos));
	CHECK_STR(key, "console");
	CHECK_STR(value, "serial");
	CHECK(next(&pos));
	CHECK_STR(key, "quiet");
	CHECK_STR(value, "(none)");
	CHECK(next(&pos));
	CHECK_STR(key, "mem");
	CHECK_STR(value, "64M");
	CHECK(!next(&pos));
	CHECK(!next(&pos));
}

static void test_empty_and_blank(void)
{
	const char *pos = "";

	CHECK(!next(&pos));
	pos = " \t \r\n ";
	CHECK(!next(&pos));
}

static void test_newline_separates(void)
{
	const char *pos = "a=1\nb\r\nc=3";

	CHECK(next(&pos));
	CHECK_STR(value, "1");
	CHECK(next(&pos));
	CHECK_STR(key, "b");
	CHECK(next(&pos));
	CHECK_STR(key, "c");
	CHECK_STR(value, "3");
	CHECK(!next(&pos));
}

static void test_value_with_equals(void)
{
	const char *pos = "opt=a=b=c x";

	CHECK(next(&pos));
	CHECK_STR(key, "opt");
	CHECK_STR(value, "a=b=c");
	CHECK(next(&pos));
	CHECK_STR(key, "x");
}

static void test_empty_value(void)
{
	const char *pos = "key= =v";
	struct cmdline_word w;

	CHECK(cmdline_next(&pos, &w));
	CHECK(w.value != NULL);
	CHECK_EQ(w.valuelen, 0);
	CHECK(cmdline_value_is(&w, ""));
	CHECK(!cmdline_value_is(&w, "x"));
	CHECK(next(&pos));      /* "=v": an empty key */
	CHECK_STR(key, "");
	CHECK_STR(value, "v");
}

static void test_key_is_exact(void)
{
	const char *pos = "mem=64M memory verbose";
	struct cmdline_word w;

	CHECK(cmdline_next(&pos, &w));
	CHECK(cmdline_key_is(&w, "mem"));
	CHECK(!cmdline_key_is(&w, "me"));
	CHECK(!cmdline_key_is(&w, "memory"));
	CHECK(!cmdline_key_is(&w, "mem=64M"));
	CHECK(!cmdline_key_is(&w, ""));
	CHECK(cmdline_next(&pos, &w));
	CHECK(cmdline_key_is(&w, "memory"));
	CHECK(!cmdline_key_is(&w, "mem"));
	CHECK(!cmdline_value_is(&w, ""));   /* bare: no value at all */
	CHECK(cmdline_next(&pos, &w));
	CHECK(cmdline_key_is(&w, "verbose"));
}

static void test_value_is_exact(void)
{
	const char *pos = "console=serial";
	struct cmdline_word w;

	CHECK(cmdline_next(&pos, &w));
	CHECK(cmdline_value_is(&w, "serial"));
	CHECK(!cmdline_value_is(&w, "seria"));
	CHECK(!cmdline_value_is(&w, "serial0"));
	CHECK(!cmdline_value_is(&w, "Serial"));
	CHECK(!cmdline_value_is(&w, ""));
}

/* Parses all of s; *bytes is poisoned first to catch stale results. */
static bool size_of(const char *s, uint64_t *bytes)
{
	*bytes = 0xDEADBEEF;
	return cmdline_parse_size(s, strlen(s), bytes);
}

static void test_size_plain(void)
{
	uint64_t v;

	CHECK(size_of("0", &v));
	CHECK_EQ(v, 0);
	CHECK(size_of("4096", &v));
	CHECK_EQ(v, 4096);
	CHECK(size_of("007", &v));
	CHECK_EQ(v, 7);
	CHECK(size_of("18446744073709551609", &v));
	CHECK_EQ(v, 18446744073709551609ull);
}

static void test_size_suffixes(void)
{
	uint64_t v;

	CHECK(size_of("64K", &v));
	CHECK_EQ(v, 64 * 1024);
	CHECK(size_of("64k", &v));
	CHECK_EQ(v, 64 * 1024);
	CHECK(size_of("16M", &v));
	CHECK_EQ(v, 16ull << 20);
	CHECK(size_of("16m", &v));
	CHECK_EQ(v, 16ull << 20);
	CHECK(size_of("6G", &v));
	CHECK_EQ(v, 6ull << 30);
	CHECK(size_of("6g", &v));
	CHECK_EQ(v, 6ull << 30);
	CHECK(size_of("17179869183G", &v));
	CHECK_EQ(v, 17179869183ull << 30);
}

static void test_size_uses_len(void)
{
	uint64_t v;

	/* Only the first len characters count: "16M" of "16Mbytes". */
	CHECK(cmdline_parse_size("16Mbytes", 3, &v));
	CHECK_EQ(v, 16ull << 20);
	CHECK(cmdline_parse_size("12345", 2, &v));
	CHECK_EQ(v, 12);
}

static void test_size_rejects(void)
{
	static const char *const bad[] = {
		"", "K", "m", "G", "12x", "x12", "1.5M", "-1", "+1", " 1",
		"1 ", "1KB", "KK", "1KM", "0x10",
	};
	uint64_t v;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK(!size_of(bad[i], &v));
		CHECK_EQ(v, 0xDEADBEEF);
	}
}

static void test_size_overflow(void)
{
	uint64_t v;

	CHECK(!size_of("99999999999999999999", &v));
	CHECK(!size_of("18446744073709551616", &v));
	CHECK(!size_of("17179869184G", &v));
	CHECK(!size_of("17592186044416M", &v));
	CHECK(!size_of("18014398509481984K", &v));
	CHECK_EQ(v, 0xDEADBEEF);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_splitting),
		TEST_ENTRY(test_empty_and_blank),
		TEST_ENTRY(test_newline_separates),
		TEST_ENTRY(test_value_with_equals),
		TEST_ENTRY(test_empty_value),
		TEST_ENTRY(test_key_is_exact),
		TEST_ENTRY(test_value_is_exact),
		TEST_ENTRY(test_size_plain),
		TEST_ENTRY(test_size_suffixes),
		TEST_ENTRY(test_size_uses_len),
		TEST_ENTRY(test_size_rejects),
		TEST_ENTRY(test_size_overflow),
	};
	return check_main("cmdline", tests, sizeof(tests) / sizeof(tests[0]));
}
