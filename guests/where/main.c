/*
 * where: asks which CPU it runs on while it does a fixed amount of
 * CPU-bound work, and checks the answer never changes (a guest stays on
 * its CPU) and, given "cpu=K" as the hypervisor's module line has it, that
 * it is K. The work's checksum is the same on every CPU and every run, so
 * several instances on several CPUs print the same lines but the CPU's.
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
	unsigned first = hv_cpu(), moved = 0, r;
	int pin = number_arg(argc, argv, "cpu", -1);
	unsigned rounds = (unsigned)number_arg(argc, argv, "rounds", ROUNDS);
	uint64_t start, end;
	uint32_t sum = 1;

	printf("virtual CPU %u, on CPU %u\n", hv_vcpu(), first);
	start = hv_time_ns();
	for (r = 0; r < rounds; r++) {
		sum = work(sum);
		if (hv_cpu() != first)
			moved++;
	}
	end = hv_time_ns();
	printf("work done: checksum %08x, from {%llu} to {%llu} ns\n",
	       (unsigned)sum, (unsigned long long)start,
	       (unsigned long long)end);
	check(moved == 0, "on CPU %u for all %u rounds", first, rounds);
	if (pin >= 0)
		check(first == (unsigned)pin, "on CPU %d as pinned", pin);
	return check_summary();
}
