/*
 * The debug monitor on the serial line: one of the places the input focus
 * goes round (console_input.h), after the guests. It reads a command line
 * at its prompt, "hv> ", and answers with one fact per line, aligned for
 * an 80-column terminal; "help" lists the commands. Values that change
 * from boot to boot are printed in braces, as everywhere on the console.
 * A bad command or argument gets one line saying so, and the prompt back.
 */
#ifndef HV_MONITOR_H
#define HV_MONITOR_H

#include <types.h>

/* The focus has come to the monitor: says so and shows the prompt. */
void monitor_enter(void);

/* The focus moves on: ends the prompt's line. */
void monitor_leave(void);

/* One byte typed while the monitor has the focus. */
void monitor_key(uint8_t c);

#endif
