/* Flushes stdio before the guest stops, so no output is lost. */
#include <stdio.h>

void runtime_exit_hook(void);

void runtime_exit_hook(void)
{
	fflush(stdout);
	fflush(stderr);
}
