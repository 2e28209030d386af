#include <x86/i8042.h>
#include "keymap.h"

#define KEY_ESCAPE      0x1B
#define KEY_DELETE      0x7F
#define PAUSE_CODES     2       /* after SC1_PAUSE_PREFIX: 0x1D 0x45 */

/* Each row of keys continues from its first designated code. */
static const char plain[SC1_KEYS] = {
	[0x01] = KEY_ESCAPE, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0',
		 '-', '=', KEY_DELETE, '\t',
	[0x10] = 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']',
		 '\r',
	[0x1E] = 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	[0x2B] = '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/',
	[0x37] = '*', [0x39] = ' ',
	[0x47] = '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

static const char shifted[SC1_KEYS] = {
	[0x01] = KEY_ESCAPE, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')',
		 '_', '+', KEY_DELETE, '\t',
	[0x10] = 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}',
		 '\r',
	[0x1E] = 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	[0x2B] = '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?',
	[0x37] = '*', [0x39] = ' ',
	[0x47] = '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Shift, Ctrl and Caps Lock; true when code was one of them. */
static bool modifier(struct keymap *km, uint8_t key, bool extended,
		     bool released)
{
	if (key == SC1_LCTRL) {
		*(extended ? &km->rctrl : &km->lctrl) = !released;
		return true;
	}
	if (extended)
		return false;   /* E0 2A and the like: a shift that is not */
	if (key == SC1_LSHIFT || key == SC1_RSHIFT) {
		*(key == SC1_LSHIFT ? &km->lshift : &km->rshift) = !released;
		return true;
	}
	if (key == SC1_CAPS_LOCK) {
		if (!released && !km->caps_down)
			km->caps = !km->caps;
		km->caps_down = !released;
		return true;
	}
	return false;
}

/* The byte an extended key types: keypad Enter and '/' only. */
static int extended_key(uint8_t key)
{
	if (key == SC1_ENTER)
		return '\r';
	if (key == SC1_KEYPAD_SLASH)
		return '/';
	return -1;
}

static int typed(const struct keymap *km, uint8_t key)
{
	bool shift = km->lshift || km->rshift;
	char c = plain[key];

	if (!c)
		return -1;
	if (is_letter(c) && km->caps)
		shift = !shift;
	if (shift)
		c = shifted[key];
	if (km->lctrl || km->rctrl) {
		if (is_letter(c) || c == '[' || c == '\\' || c == ']')
			return c & 0x1F;
		return -1;
	}
	return (uint8_t)c;
}

int keymap_feed(struct keymap *km, uint8_t code)
{
	bool extended = km->extended, released = code & SC1_RELEASE;
	uint8_t key = code & ~SC1_RELEASE;

	km->extended = false;
	if (km->skip) {
		km->skip--;
		return -1;
	}
	if (code == SC1_PREFIX) {
		km->extended = true;
		return -1;
	}
	if (code == SC1_PAUSE_PREFIX) {
		km->skip = PAUSE_CODES;
		return -1;
	}
	if (key >= SC1_KEYS || modifier(km, key, extended, released) || released)
		return -1;
	return extended ? extended_key(key) : typed(km, key);
}
