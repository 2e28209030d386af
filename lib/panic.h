#ifndef HV_PANIC_H
#define HV_PANIC_H

#include <types.h>

/*
 * Prints "panic: ..." and stops the machine: through the function given to
 * panic_set_stop() (the hypervisor's power-off with the panic status), or
 * by halting before one is set.
 */
NORETURN void panic(const char *fmt, ...) PRINTF(1, 2);

typedef void (*panic_stop_fn)(void);    /* must not return */
void panic_set_stop(panic_stop_fn fn);

#define ASSERT(cond)                                                    \
	do {                                                            \
		if (!(cond))                                            \
			panic("assertion '%s' failed at %s:%d", #cond,  \
			      __FILE__, __LINE__);                      \
	} while (0)

#endif
