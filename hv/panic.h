#ifndef HV_PANIC_H
#define HV_PANIC_H

#include <types.h>

/* Prints "panic: ..." and powers off with the panic status. */
NORETURN void panic(const char *fmt, ...) PRINTF(1, 2);

#define ASSERT(cond)                                                    \
	do {                                                            \
		if (!(cond))                                            \
			panic("assertion '%s' failed at %s:%d", #cond,  \
			      __FILE__, __LINE__);                      \
	} while (0)

#endif
