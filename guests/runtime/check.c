/* Check reporting for test guests: one line per check, failures counted. */
#include <stdarg.h>
#include <stdio.h>
#include "hv.h"

unsigned check_failures;

int check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(": %s\n", ok ? "ok" : "FAILED");
	if (!ok)
		check_failures++;
	return ok;
}

int check_summary(void)
{
	if (check_failures)
		printf("%u check(s) FAILED\n", check_failures);
	else
		printf("all checks passed\n");
	return check_failures ? 1 : 0;
}
