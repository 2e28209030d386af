/*
 * The keyboard's scan codes (set 1, include/x86/i8042.h) as the bytes a
 * terminal on the serial line would send for the same keys, US layout:
 * Enter is CR, Backspace DEL, Ctrl with a letter its control character
 * (Ctrl-A is 0x01, as the focus key wants), Shift and Caps Lock as usual.
 * Keys that stand for no character (arrows, function keys, Alt) type
 * nothing. Pure logic, tested on the host.
 */
#ifndef HV_KEYMAP_H
#define HV_KEYMAP_H

#include <types.h>

struct keymap {
	bool lshift, rshift, lctrl, rctrl, caps;
	bool caps_down;         /* a held key repeats its press: toggle once */
	bool extended;          /* the last code was SC1_PREFIX */
	unsigned skip;          /* codes of a Pause sequence still to come */
};

/* Takes one scan code; returns the byte it types, or -1 for none. */
int keymap_feed(struct keymap *km, uint8_t code);

#endif
