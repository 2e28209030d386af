/*
 * A panic: the message, then the stop the hypervisor installed (its power
 * off with the panic status), or a halt while none is installed yet.
 */
#include <stdarg.h>
#include <x86/io.h>
#include "console.h"
#include "lock_order.h"
#include "panic.h"

static panic_stop_fn stop;

void panic_set_stop(panic_stop_fn fn)
{
	stop = fn;
}

static NORETURN void halt_forever(void)
{
	if (stop)
		stop();
	for (;;)
		hlt();
}

void panic(const char *fmt, ...)
{
	static volatile int panicking;
	va_list ap;

	cli();
	lock_checking = false;      /* the report takes the console lock */
	if (panicking++)
		halt_forever();     /* a panic while reporting one */
	console_break_lock();
	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	halt_forever();
}
