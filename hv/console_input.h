/*
 * Console input. Bytes from the serial line (and the keyboard's, which
 * come the same way) go to the guest that has the
 * input focus, into that guest's input queue (lib/inring.h), and raise its
 * console interrupt (HV_IRQ_CONSOLE); the guest takes them with
 * CONSOLE_READ. The focus starts on the first guest; Ctrl-A three times
 * (escape.h) moves it to the next running one, and after the last guest
 * to the debug monitor (monitor.h); the console says who has it. When the
 * guest with the focus has stopped, the next byte moves the focus on
 * first, so typing never goes nowhere.
 */
#ifndef HV_CONSOLE_INPUT_H
#define HV_CONSOLE_INPUT_H

#include <types.h>

struct guest;

/* Turns input on, the focus on the first guest: once the guests are loaded. */
void console_input_start(void);

/* Takes every byte the UART holds and routes it (from COM1's interrupt). */
void console_input_poll(void);

/* Routes one byte from another input device (the keyboard). */
void console_input_key(uint8_t c);

/* Whether a HALT with no timer set may wait for console input. */
bool console_input_can_wake(const struct guest *g);

#endif
