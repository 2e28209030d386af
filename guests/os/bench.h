/*
 * The benchmarks' method, shared by the kernel's measurement and the
 * processes' (each compiles its own copy: user code may not call the
 * kernel's). It is the one lguest was measured with (SPEC §11): the
 * iteration count doubles from 1 until one measurement takes at least
 * min_ns, then three measurements of that many are taken and the median
 * is kept. The figures are printed as "env: bench NAME: {W.T} ns per
 * UNIT": environment, not part of the log both machines must agree on;
 * scripts/bench reads them.
 */
#ifndef OS_BENCH_H
#define OS_BENCH_H

#include <types.h>

#define BENCH_MIN_NS            200000000u      /* 0.2 s: make bench */
#define BENCH_SHORT_MIN_NS      1000000u        /* 1 ms: tests, which only
						 * check that each one runs */
#define BENCH_MAX_ITERATIONS    (1u << 24)

/* Runs n iterations and returns the nanoseconds its timed part took. */
typedef uint32_t (*bench_run_fn)(unsigned n);

struct bench_figure {
	unsigned iterations;    /* per measurement */
	uint32_t ns;            /* the median measurement */
};

/* to - from, as 32 bits (a measurement is far below 4 s). */
static inline uint32_t bench_elapsed(uint64_t from, uint64_t to)
{
	uint64_t d = to - from;

	return d > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)d;
}

static inline uint32_t bench_median3(uint32_t a, uint32_t b, uint32_t c)
{
	if (a > b) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	/* a <= b now: the median is b, or the larger of a and c. */
	if (c >= b)
		return b;
	return c > a ? c : a;
}

static inline struct bench_figure bench_measure(bench_run_fn run,
						uint32_t min_ns)
{
	struct bench_figure f = { 1, 0 };
	uint32_t a, b;

	while (run(f.iterations) < min_ns &&
	       f.iterations < BENCH_MAX_ITERATIONS)
		f.iterations *= 2;
	a = run(f.iterations);
	b = run(f.iterations);
	f.ns = bench_median3(a, b, run(f.iterations));
	return f;
}

/* The median per operation, ops operations per iteration: whole
 * nanoseconds and tenths. */
static inline void bench_per_op(struct bench_figure f, unsigned ops,
				uint32_t *whole, uint32_t *tenths)
{
	uint32_t d = f.iterations * ops;

	*whole = f.ns / d;
	*tenths = f.ns % d * 10 / d;
}

#endif
