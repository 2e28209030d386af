/* hello: the smallest guest, printing through newlib's printf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

int main(int argc, char **argv)
{
	char *copy = malloc(64);

	printf("hello from %s, a guest of hv %s\n", argv[0], hv_boot->hv_version);
	printf("%u KiB of memory, %d argument(s)\n", hv_boot->mem_bytes / 1024,
	       argc - 1);
	strcpy(copy, "malloc and strings work");
	printf("%s; %d%% done, %.2f\n", copy, 100, 3.25);
	free(copy);
	return 0;
}
