/* What every part of the OS uses. */
#ifndef OS_OS_H
#define OS_OS_H

#include <types.h>

#define OS_VERSION      "0.1"
#define OS_MEMORY_MAX   (64u * MiB)     /* what the OS uses of the machine's */

extern char _end[];                     /* the image's end (os.ld) */

/* Formats to the console (lib/fmt.h's conversions). */
void os_printf(const char *fmt, ...) PRINTF(1, 2);

#endif
