#include <stdarg.h>
#include <x86/io.h>
#include "console.h"
#include "panic.h"
#include "power.h"

void panic(const char *fmt, ...)
{
	static volatile int panicking;
	va_list ap;

	cli();
	if (panicking++)
		power_off(POWER_PANIC);     /* a panic while reporting one */
	console_break_lock();
	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	power_off(POWER_PANIC);
}
