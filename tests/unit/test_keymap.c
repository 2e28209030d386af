/* The keyboard's scan codes (set 1) as the bytes a terminal would send. */
#include <string.h>
#include <x86/i8042.h>
#include <hv/keymap.h>
#include "check.h"

/* Feeds the codes; returns what they typed, '#' for bytes above 0x7E. */
static const char *keys(struct keymap *km, const uint8_t *codes, size_t n)
{
	static char out[64];
	size_t o = 0, i;

	for (i = 0; i < n; i++) {
		int b = keymap_feed(km, codes[i]);

		if (b >= 0)
			out[o++] = b > 0x7E ? '#' : (char)b;
	}
	out[o] = 0;
	return out;
}

#define TYPED(km, ...)                                                     \
	keys((km), (const uint8_t[]){ __VA_ARGS__ },                       \
	     sizeof((const uint8_t[]){ __VA_ARGS__ }))

static void test_letters(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, 0x1E), 'a');
	CHECK_EQ(keymap_feed(&km, 0x9E), -1);   /* its release */
	CHECK_STR(TYPED(&km, 0x10, 0x90, 0x2C, 0xAC, 0x32, 0xB2), "qzm");
}

static void test_shift(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, 0x2A), -1);
	CHECK_EQ(keymap_feed(&km, 0x1E), 'A');
	CHECK_EQ(keymap_feed(&km, 0xAA), -1);
	CHECK_EQ(keymap_feed(&km, 0x1E), 'a');

	/* The right one, and both held with one let go. */
	CHECK_STR(TYPED(&km, 0x36, 0x1E, 0xB6, 0x1E), "Aa");
	CHECK_STR(TYPED(&km, 0x2A, 0x36, 0xAA, 0x1E, 0xB6, 0x1E), "Aa");
}

static void test_digits_and_symbols(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, 0x02), '1');
	CHECK_EQ(keymap_feed(&km, 0x0B), '0');
	CHECK_EQ(keymap_feed(&km, 0x0C), '-');
	CHECK_STR(TYPED(&km, 0x2A, 0x02, 0x0C, 0x0D, 0x28, 0x35, 0x2B, 0xAA),
		  "!_+\"?|");
	CHECK_STR(TYPED(&km, 0x0D, 0x1A, 0x1B, 0x27, 0x28, 0x29, 0x2B, 0x33,
			0x34, 0x35), "=[];'`\\,./");
}

static void test_caps_lock(void)
{
	struct keymap km = { 0 };

	CHECK_STR(TYPED(&km, 0x3A, 0xBA), "");
	CHECK_STR(TYPED(&km, 0x1E, 0x02, 0x0C), "A1-");
	/* With Shift: letters lower case, symbols shifted as usual. */
	CHECK_STR(TYPED(&km, 0x2A, 0x1E, 0x02, 0xAA), "a!");
	/* Pressed again: off. */
	CHECK_STR(TYPED(&km, 0x3A, 0xBA, 0x1E, 0x02), "a1");
	/* Held past the repeat delay, it repeats its press: still one toggle. */
	CHECK_STR(TYPED(&km, 0x3A, 0x3A, 0x3A, 0xBA, 0x1E), "A");
}

static void test_ctrl(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, 0x1D), -1);
	CHECK_EQ(keymap_feed(&km, 0x1E), 0x01);
	CHECK_EQ(keymap_feed(&km, 0x2E), 0x03);         /* 'c' */
	CHECK_EQ(keymap_feed(&km, 0x02), -1);           /* a digit: nothing */
	CHECK_EQ(keymap_feed(&km, 0x1A), 0x1B);         /* Ctrl-[ */
	CHECK_EQ(keymap_feed(&km, 0x9D), -1);
	CHECK_EQ(keymap_feed(&km, 0x1E), 'a');

	/* The right Ctrl, after the prefix. */
	CHECK_EQ(keymap_feed(&km, 0xE0), -1);
	CHECK_EQ(keymap_feed(&km, 0x1D), -1);
	CHECK_EQ(keymap_feed(&km, 0x1E), 0x01);
	CHECK_STR(TYPED(&km, 0xE0, 0x9D, 0x1E), "a");
}

static void test_focus_key_three_times(void)
{
	struct keymap km = { 0 };

	CHECK_STR(TYPED(&km, 0x1D, 0x1E, 0x9E, 0x1E, 0x9E, 0x1E, 0x9E, 0x9D),
		  "\1\1\1");
	CHECK_STR(TYPED(&km, 0x1E), "a");
}

static void test_special_keys(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, 0x1C), '\r');
	CHECK_EQ(keymap_feed(&km, 0x0E), 0x7F);
	CHECK_EQ(keymap_feed(&km, 0x0F), '\t');
	CHECK_EQ(keymap_feed(&km, 0x39), ' ');
	CHECK_EQ(keymap_feed(&km, 0x01), 0x1B);
}

static void test_keypad(void)
{
	struct keymap km = { 0 };

	CHECK_STR(TYPED(&km, 0xE0, 0x1C), "\r");
	CHECK_STR(TYPED(&km, 0xE0, 0x35), "/");
	CHECK_STR(TYPED(&km, 0x47, 0x4A, 0x4E, 0x52, 0x53, 0x37), "7-+0.*");
}

static void test_arrows_type_nothing(void)
{
	struct keymap km = { 0 };

	CHECK_STR(TYPED(&km, 0xE0, 0x48, 0xE0, 0xC8), "");
	CHECK_STR(TYPED(&km, 0x1E), "a");
	/* Without the prefix 0x48 is the keypad's 8. */
	CHECK_STR(TYPED(&km, 0xE0, 0x4B, 0x48), "8");
}

static void test_fake_shift(void)
{
	struct keymap km = { 0 };

	/* Print Screen: E0 2A E0 37, released E0 B7 E0 AA. */
	CHECK_STR(TYPED(&km, 0xE0, 0x2A, 0xE0, 0x37, 0x1E), "a");
	CHECK_STR(TYPED(&km, 0xE0, 0xB7, 0xE0, 0xAA, 0x1E), "a");
	/* A real Shift survives a fake one's release. */
	CHECK_STR(TYPED(&km, 0x2A, 0xE0, 0xAA, 0x1E, 0xAA), "A");
}

static void test_pause(void)
{
	struct keymap km = { 0 };

	CHECK_STR(TYPED(&km, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5), "");
	CHECK_STR(TYPED(&km, 0x1E), "a");
	/* Its 1D was not taken for Ctrl. */
	CHECK_STR(TYPED(&km, 0x2E), "c");
}

static void test_codes_beyond_keys(void)
{
	struct keymap km = { 0 };

	CHECK_EQ(keymap_feed(&km, SC1_KEYS), -1);
	CHECK_EQ(keymap_feed(&km, 0x7F), -1);
	CHECK_EQ(keymap_feed(&km, 0xFA), -1);           /* the keyboard's ACK */
	CHECK_EQ(keymap_feed(&km, 0xAA), -1);           /* self test passed */
	CHECK_EQ(keymap_feed(&km, 0x3B), -1);           /* F1 */
	CHECK_EQ(keymap_feed(&km, 0x58), -1);           /* F12 */
	CHECK_EQ(keymap_feed(&km, 0x38), -1);           /* Alt */
	CHECK_STR(TYPED(&km, 0x1E), "a");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_letters),
		TEST_ENTRY(test_shift),
		TEST_ENTRY(test_digits_and_symbols),
		TEST_ENTRY(test_caps_lock),
		TEST_ENTRY(test_ctrl),
		TEST_ENTRY(test_focus_key_three_times),
		TEST_ENTRY(test_special_keys),
		TEST_ENTRY(test_keypad),
		TEST_ENTRY(test_arrows_type_nothing),
		TEST_ENTRY(test_fake_shift),
		TEST_ENTRY(test_pause),
		TEST_ENTRY(test_codes_beyond_keys),
	};
	return check_main("keymap", tests, sizeof(tests) / sizeof(tests[0]));
}
