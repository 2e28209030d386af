/*
 * A printf-style formatter with no dependencies, shared by the console and
 * the host tests. Conversions: %c %s %d %i %u %x %X %p %%, with the flags
 * '-' and '0', a field width, a precision for %s (also '*'), and the length
 * modifiers l, ll and z.
 */
#ifndef HV_FMT_H
#define HV_FMT_H

#include <stdarg.h>
#include <types.h>

/* Receives the formatted text piece by piece. */
typedef void (*fmt_sink_t)(void *ctx, const char *s, size_t len);

/* Returns the number of characters produced. */
size_t fmt_vformat(fmt_sink_t sink, void *ctx, const char *fmt, va_list ap);

/* Like snprintf: always terminates (when size > 0), returns the full length. */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF(3, 4);

#endif
