/*
 * The benchmark, with the method of the project's other benchmarks:
 * double the iterations until one measurement takes at least 0.2 s, then
 * take three measurements of that many and report the median, per
 * operation. Figures (what lguest was measured with):
 *   null system call     getppid, which no C library answers itself
 *   context switch       two processes passing a byte back and forth
 *                        through two pipes: two switches per round
 *   page fault           the first write to each page of fresh
 *                        anonymous memory
 *   fork + exit + wait   a child that exits at once, waited for
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "init.h"

#define MIN_NS          200000000ull    /* one measurement: at least 0.2 s */
#define MEASUREMENTS    3
#define PAGE            4096u
#define FAULT_PAGES     256u            /* pages per mapping */

/* One figure: runs n operations, returns the nanoseconds they took (0 if
 * something failed) and how many operations that was in *ops. */
typedef uint64_t (*bench_fn)(unsigned n, unsigned *ops);

static uint64_t null_syscall(unsigned n, unsigned *ops)
{
	uint64_t start = now_ns();

	for (unsigned i = 0; i < n; i++)
		syscall(SYS_getppid);
	*ops = n;
	return now_ns() - start;
}

/* The child's side of the ping-pong: echoes every byte. */
static void pong(int in, int out, unsigned n)
{
	char c;

	for (unsigned i = 0; i < n; i++)
		if (read(in, &c, 1) != 1 || write(out, &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static uint64_t context_switch(unsigned n, unsigned *ops)
{
	int to[2], from[2], status;
	uint64_t start, ns;
	char c = 'x';
	pid_t pid;

	if (pipe(to) != 0 || pipe(from) != 0)
		return 0;
	pid = fork();
	if (pid == 0)
		pong(to[0], from[1], n);
	start = now_ns();
	for (unsigned i = 0; pid > 0 && i < n; i++)
		if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
			break;
	ns = now_ns() - start;
	for (int i = 0; i < 2; i++)
		close(to[i]), close(from[i]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		return 0;
	*ops = 2 * n;
	return ns;
}

static uint64_t page_fault(unsigned n, unsigned *ops)
{
	uint64_t ns = 0;

	for (unsigned i = 0; i < n; i++) {
		char *p = mmap(NULL, FAULT_PAGES * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t start = now_ns();

		if (p == MAP_FAILED)
			return 0;
		for (unsigned page = 0; page < FAULT_PAGES; page++)
			p[page * PAGE] = 1;
		ns += now_ns() - start;
		munmap(p, FAULT_PAGES * PAGE);
	}
	*ops = n * FAULT_PAGES;
	return ns;
}

static uint64_t fork_exit_wait(unsigned n, unsigned *ops)
{
	uint64_t start = now_ns();
	int status;

	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			return 0;
	}
	*ops = n;
	return now_ns() - start;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median nanoseconds per operation, or a negative number on failure. */
static double measure(bench_fn fn)
{
	double per_op[MEASUREMENTS];
	unsigned n = 1, ops = 0;
	uint64_t ns;

	while ((ns = fn(n, &ops)) != 0 && ns < MIN_NS)
		n *= 2;
	if (ns == 0)
		return -1;
	for (int i = 0; i < MEASUREMENTS; i++) {
		ns = fn(n, &ops);
		if (ns == 0)
			return -1;
		per_op[i] = (double)ns / ops;
	}
	qsort(per_op, MEASUREMENTS, sizeof(per_op[0]), by_value);
	return per_op[MEASUREMENTS / 2];
}

static const struct {
	const char *name, *unit;
	bench_fn fn;
} figures[] = {
	{ "null system call", "ns per call", null_syscall },
	{ "context switch", "ns per switch", context_switch },
	{ "page fault", "ns per page", page_fault },
	{ "fork + exit + wait", "ns per process", fork_exit_wait },
};

void bench_run(void)
{
	for (unsigned i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		double ns = measure(figures[i].fn);

		if (ns < 0)
			say("bench %s: went wrong", figures[i].name);
		else
			say_env("bench %s: {%.1f} %s", figures[i].name, ns,
				figures[i].unit);
	}
}
