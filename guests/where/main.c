/*
 * where: asks which CPU it runs on while it does a fixed amount of
 * CPU-bound work. Pinned by "cpu=K" (the hypervisor's module argument,
 * which the guest sees too) it checks that it is on K throughout; not
 * pinned, balancing may move it, and it counts the moves (in braces: how
 * many depends on timing). The work's checksum is the same on every CPU
 * and every run, whatever the moves.
 * "rounds=N" sets the amount of work (default 64); the times printed, in
 * braces, are when the work began and ended, for the scaling benchmark
 * (scripts/bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

#define ROUNDS          64
#define STEPS           20000u

/* The number of a "KEY=N" argument, or fallback. */
static int number_arg(int argc, char **argv, const char *key, int fallback)
{
	size_t len = strlen(key);
	int i;

	for (i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, len) && argv[i][len] == '=')
			return atoi(argv[i] + len + 1);
	return fallback;
}

static uint32_t work(uint32_t x)
{
	unsigned i;

	for (i = 0; i < STEPS; i++)
		x = x * 1103515245u + 12345u;
	return x;
}

int main(int argc, char **argv)
{
	unsigned first = hv_cpu(), last = first, moved = 0, r;
	int pin = number_arg(argc, argv, "cpu", -1);
	unsigned rounds = (unsigned)number_arg(argc, argv, "rounds", ROUNDS);
	uint64_t start, end;
	uint32_t sum = 1;

	if (pin >= 0)
		printf("virtual CPU %u, on CPU %u\n", hv_vcpu(), first);
	else
		printf("virtual CPU %u, on CPU {%u}\n", hv_vcpu(), first);
	start = hv_time_ns();
	for (r = 0; r < rounds; r++) {
		unsigned now;

		sum = work(sum);
		now = hv_cpu();
		if (now != last)
			moved++;
		last = now;
	}
	end = hv_time_ns();
	printf("work done: checksum %08x, from {%llu} to {%llu} ns\n",
	       (unsigned)sum, (unsigned long long)start,
	       (unsigned long long)end);
	if (pin >= 0) {
		check(moved == 0, "on CPU %u for all %u rounds", first, rounds);
		check(first == (unsigned)pin, "on CPU %d as pinned", pin);
	} else {
		printf("moved {%u} times, ending on CPU {%u}\n", moved, last);
	}
	return check_summary();
}
