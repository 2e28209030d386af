/*
 * where: asks which CPU it runs on while it does a fixed amount of
 * CPU-bound work. Pinned by "cpu=K" (the hypervisor's module argument,
 * which the guest sees too) it checks that it is on K throughout; not
 * pinned, balancing may move it, and it counts the moves (in braces: how
 * many depends on timing). The work's checksum is the same on every CPU
 * and every run, whatever the moves.
 * "rounds=N" sets the amount of work (default 64); the times printed, in
 * braces, are when the work began and ended, for the scaling benchmark
 * (scripts/bench). Loaded with "vcpus=N", every vCPU does that work at
 * once, and vCPU 0 prints each one's line when all are done.
 */
#include <stdio.h>
#include <stdlib.h>
#include "hv.h"

#define ROUNDS          64
#define STEPS           20000u

struct timed_work {
	uint64_t start, end;
	uint32_t sum;
};

static unsigned rounds;
static struct timed_work done_by[HV_MAX_VCPUS];
static volatile unsigned vcpus_done;

/* The number of a "KEY=N" argument, or fallback. */
static int number_arg(int argc, char **argv, const char *key, int fallback)
{
	const char *v = hv_arg(argc, argv, key);

	return v ? atoi(v) : fallback;
}

static uint32_t work(uint32_t x)
{
	unsigned i;

	for (i = 0; i < STEPS; i++)
		x = x * 1103515245u + 12345u;
	return x;
}

/* Another vCPU's share: the same work, timed on its own. */
static void sibling_work(unsigned k)
{
	struct timed_work *w = &done_by[k];
	unsigned r;

	w->sum = 1;
	w->start = hv_time_ns();
	for (r = 0; r < rounds; r++) {
		w->sum = work(w->sum);
		(void)hv_cpu();         /* as vCPU 0 does: one call a round */
	}
	w->end = hv_time_ns();
	__atomic_add_fetch(&vcpus_done, 1, __ATOMIC_RELEASE);
}

/* With several vCPUs: waits for the others, then prints their lines. */
static void report_siblings(void)
{
	unsigned k, n = hv_vcpus();

	while (__atomic_load_n(&vcpus_done, __ATOMIC_ACQUIRE) < n - 1)
		__asm__ volatile("rep; nop");
	for (k = 1; k < n; k++)
		printf("vCPU %u work done: checksum %08x, from {%llu} to {%llu} "
		       "ns\n", k, (unsigned)done_by[k].sum,
		       (unsigned long long)done_by[k].start,
		       (unsigned long long)done_by[k].end);
}

int main(int argc, char **argv)
{
	unsigned first = hv_cpu(), last = first, moved = 0, r;
	int pin = number_arg(argc, argv, "cpu", -1);
	uint64_t start, end;
	uint32_t sum = 1;

	rounds = (unsigned)number_arg(argc, argv, "rounds", ROUNDS);
	for (r = 1; r < hv_vcpus(); r++)
		hv_vcpu_start(r, sibling_work);

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
	report_siblings();
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
