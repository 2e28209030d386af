/*
 * The benchmark programs (bench, and bench-short for tests): the
 * processes' figures (user_bench.c), then what only the kernel can time:
 * a round trip to the hypervisor (none natively) and how long after
 * power-on the first user process started.
 */
#include "bench.h"
#include "clock.h"
#include "os.h"
#include "process.h"
#include "programs.h"
#include "pv.h"
#include "user.h"

static uint32_t machine_call(unsigned n)
{
	uint64_t start = clock_ns();
	unsigned i;

	for (i = 0; i < n; i++)
		pv->null_call();
	return bench_elapsed(start, clock_ns());
}

static void kernel_figures(uint32_t min_ns)
{
	uint64_t first = clock_first_process_ns();

	if (pv->null_call) {
		struct bench_figure f = bench_measure(machine_call, min_ns);
		uint32_t whole, tenths;

		bench_per_op(f, 1, &whole, &tenths);
		os_printf("env: bench hypercall round trip: {%u.%u} ns per call"
			  " (%u iterations)\n", whole, tenths, f.iterations);
	} else {
		os_printf("env: bench hypercall round trip: none natively\n");
	}
	os_printf("env: bench boot to the first user process: {%u} us\n",
		  (uint32_t)(first / 1000));
	os_printf("env: bench clock: {%u} kHz\n", clock_khz());
}

void bench_program(void)
{
	process_run("bench", user_bench);
	kernel_figures(BENCH_MIN_NS);
}

void bench_short_program(void)
{
	process_run("bench", user_bench_short);
	kernel_figures(BENCH_SHORT_MIN_NS);
}
