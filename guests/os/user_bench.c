/*
 * The benchmarks a process runs (bench.h has the method): a null system
 * call, a switch between two processes through pipes, a page fault on
 * fresh demand-zero memory, a fresh page table's worth of it, and fork +
 * exit + wait. Each also checks what it did, and says "ok" for it in the
 * log both machines share, or what went wrong.
 */
#include "bench.h"
#include "paging.h"
#include "user.h"

#define FAULT_BASE      DEMAND_ZERO_BASE        /* its first page stays */
#define FAULT_CHUNK     256u                    /* pages per pass */
#define TABLE_BASE      (DEMAND_ZERO_BASE + 0x00400000u)
#define PAGE            4096u
#define FORK_STATUS     42

static uint32_t min_ns;
static unsigned failures;

static uint64_t u_clock(void)
{
	uint64_t ns = 0;

	u_syscall(SYS_CLOCK, (uint32_t)&ns, 0, 0);
	return ns;
}

static void report(const char *name, bench_run_fn run, unsigned ops,
		   const char *unit)
{
	unsigned before = failures;
	struct bench_figure f = bench_measure(run, min_ns);
	uint32_t whole, tenths;

	bench_per_op(f, ops, &whole, &tenths);
	u_puts("env: bench ");
	u_puts(name);
	u_puts(": {");
	u_put_number(whole);
	u_puts(".");
	u_put_number(tenths);
	u_puts("} ns per ");
	u_puts(unit);
	u_puts(" (");
	u_put_number(f.iterations);
	u_puts(" iterations)\n");
	u_puts("bench: ");
	u_puts(name);
	u_puts(failures == before ? ": ok\n" : ": went wrong\n");
}

static uint32_t null_call(unsigned n)
{
	uint64_t start = u_clock();
	unsigned i;

	for (i = 0; i < n; i++)
		u_syscall(SYS_GETPID, 0, 0, 0);
	return bench_elapsed(start, u_clock());
}

/* n round trips of a byte, which the child adds one to: two switches each. */
static uint32_t ping_pong(unsigned n)
{
	int there[2], back[2], child, status = -1;
	uint64_t start;
	uint32_t took;
	unsigned i;
	char c;

	if (u_syscall(SYS_PIPE, (uint32_t)there, 0, 0) ||
	    u_syscall(SYS_PIPE, (uint32_t)back, 0, 0)) {
		failures++;
		return 0xFFFFFFFFu;
	}
	child = u_syscall(SYS_FORK, 0, 0, 0);
	if (child == 0) {
		for (i = 0; i < n; i++) {
			u_syscall(SYS_READ, (uint32_t)there[0], (uint32_t)&c, 1);
			c++;
			u_syscall(SYS_WRITE, (uint32_t)back[1], (uint32_t)&c, 1);
		}
		u_exit(0);
	}
	start = u_clock();
	for (i = 0; i < n; i++) {
		c = (char)i;
		u_syscall(SYS_WRITE, (uint32_t)there[1], (uint32_t)&c, 1);
		if (u_syscall(SYS_READ, (uint32_t)back[0], (uint32_t)&c, 1) != 1 ||
		    c != (char)(i + 1))
			failures++;
	}
	took = bench_elapsed(start, u_clock());
	if (child < 0 || u_syscall(SYS_WAIT, (uint32_t)child,
				   (uint32_t)&status, 0) != child || status)
		failures++;
	u_syscall(SYS_CLOSE, (uint32_t)there[0], 0, 0);
	u_syscall(SYS_CLOSE, (uint32_t)there[1], 0, 0);
	u_syscall(SYS_CLOSE, (uint32_t)back[0], 0, 0);
	u_syscall(SYS_CLOSE, (uint32_t)back[1], 0, 0);
	return took;
}

/* Touches pages fresh from the demand-zero area: each must read zero. */
static void touch(uint32_t base, unsigned pages)
{
	unsigned i;

	for (i = 0; i < pages; i++) {
		volatile uint32_t *p = (volatile uint32_t *)(base + i * PAGE);

		if (*p)
			failures++;
		*p = i + 1;
	}
}

/* Pages of a table that stays (its first page is kept), given back
 * untimed between passes. */
static uint32_t page_fault(unsigned n)
{
	uint32_t took = 0;

	*(volatile uint32_t *)FAULT_BASE = 1;
	while (n > 0) {
		unsigned pages = n < FAULT_CHUNK ? n : FAULT_CHUNK;
		uint64_t start = u_clock();

		touch(FAULT_BASE + PAGE, pages);
		took += bench_elapsed(start, u_clock());
		if (u_syscall(SYS_RELEASE, FAULT_BASE + PAGE, pages * PAGE, 0))
			failures++;
		n -= pages;
	}
	return took;
}

/* Every page one fresh page table maps; the table goes with them. */
static uint32_t page_table(unsigned n)
{
	uint32_t span = (uint32_t)u_syscall(SYS_TABLE_SPAN, 0, 0, 0), took = 0;

	while (n-- > 0) {
		uint64_t start = u_clock();

		touch(TABLE_BASE, span / PAGE);
		took += bench_elapsed(start, u_clock());
		if (u_syscall(SYS_RELEASE, TABLE_BASE, span, 0))
			failures++;
	}
	return took;
}

static uint32_t fork_exit_wait(unsigned n)
{
	uint64_t start = u_clock();
	unsigned i;

	for (i = 0; i < n; i++) {
		int status = -1, child = u_syscall(SYS_FORK, 0, 0, 0);

		if (child == 0)
			u_exit(FORK_STATUS);
		if (child < 0 || u_syscall(SYS_WAIT, (uint32_t)child,
					   (uint32_t)&status, 0) != child ||
		    status != FORK_STATUS)
			failures++;
	}
	return bench_elapsed(start, u_clock());
}

static NORETURN void run_all(uint32_t min)
{
	min_ns = min;
	report("null system call", null_call, 1, "call");
	report("context switch", ping_pong, 2, "switch");
	report("page fault", page_fault, 1, "page");
	report("fresh page table", page_table, 1, "table");
	report("fork + exit + wait", fork_exit_wait, 1, "process");
	u_exit(failures ? 1 : 0);
}

void user_bench(void)
{
	run_all(BENCH_MIN_NS);
}

void user_bench_short(void)
{
	run_all(BENCH_SHORT_MIN_NS);
}
