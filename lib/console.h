#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include <stdarg.h>
#include <types.h>

/*
 * The serial console, COM1 at 115200 8N1. Values that differ from one boot
 * to the next (addresses, frequencies, timings) are printed inside braces,
 * "{...}", so that tests can mask them with one rule.
 */
void console_init(void);
void console_write(const char *s, size_t len);
void kprintf(const char *fmt, ...) PRINTF(1, 2);
void kvprintf(const char *fmt, va_list ap);

/* For the crash path: a fault may have struck while the lock was held. */
void console_break_lock(void);
#endif
