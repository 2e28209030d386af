#include <stdarg.h>
#include <lib/fmt.h>
#include "os.h"
#include "pv.h"

static void sink(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	pv->console_write(s, len);
}

void os_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(sink, NULL, fmt, ap);
	va_end(ap);
}
