/* What every part of the OS uses. */
#ifndef OS_OS_H
#define OS_OS_H

#include <types.h>

#define OS_VERSION      "0.1"

/* Formats to the console (lib/fmt.h's conversions). */
void os_printf(const char *fmt, ...) PRINTF(1, 2);

#endif
