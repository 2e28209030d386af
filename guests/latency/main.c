/*
 * latency: how long this guest waits for the CPU while its neighbours
 * run. It enters the hypervisor in a loop and records the largest gap in
 * the hypervisor's clock (updated at every entry) between two returns.
 * Figures only, for scripts/bench: ms=N is how long to measure (default
 * 2000 ms of the hypervisor's clock).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

int main(int argc, char **argv)
{
	uint64_t ms = 2000, start, prev, worst = 0, total = 0, n = 0;
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "ms=", 3) == 0)
			ms = strtoul(argv[i] + 3, NULL, 0);
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	start = prev = hv_time_ns();
	while (prev - start < ms * 1000000) {
		uint64_t now;

		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
		now = hv_time_ns();
		if (now - prev > worst)
			worst = now - prev;
		total += now - prev;
		n++;
		prev = now;
	}
	printf("bench neighbour worst wait: {%llu} ns\n",
	       (unsigned long long)worst);
	printf("bench neighbour mean wait: {%llu} ns\n",
	       (unsigned long long)(n ? total / n : 0));
	return 0;
}
