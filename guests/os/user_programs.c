/* The programs the OS runs as processes (programs.c names them). */
#include "early.h"
#include "user.h"

void user_hello(void)
{
	u_puts("hello from ring 3, process ");
	u_put_number((unsigned)u_syscall(SYS_GETPID, 0, 0, 0));
	u_puts("\n");
	if (u_syscall(SYS_WRITE, 1, KERNEL_BASE, 4) == SYSCALL_BAD)
		u_puts("writing the kernel's memory out is refused\n");
	u_exit(0);
}

void user_exit3(void)
{
	u_exit(3);
}

/* Reads the kernel's memory: the OS kills the process. */
void user_peek(void)
{
	u_puts("peeking at the kernel\n");
	u_put_number(*(volatile unsigned *)KERNEL_BASE);
	u_exit(0);
}

static int u_fork(void)
{
	return u_syscall(SYS_FORK, 0, 0, 0);
}

static int u_wait(int pid, int *status)
{
	return u_syscall(SYS_WAIT, (uint32_t)pid, (uint32_t)status, 0);
}

/* Each child sleeps a while, sums 1..1000(i + 1) and exits with the sum's
 * low byte; the parent waits for each in turn, so the log is the same
 * whichever ends first. */
void user_family(void)
{
	int pids[3], i;

	for (i = 0; i < 3; i++) {
		pids[i] = u_fork();
		if (pids[i] == 0) {
			unsigned n, sum = 0;

			u_syscall(SYS_SLEEP, (uint32_t)(30 - 10 * i), 0, 0);
			for (n = 1; n <= 1000u * (unsigned)(i + 1); n++)
				sum += n;
			u_exit((int)(sum & 0xFF));
		}
	}
	for (i = 0; i < 3; i++) {
		int status = 0, pid = u_wait(pids[i], &status);

		u_puts("family: child ");
		u_put_number((unsigned)pid);
		u_puts(" exited with status ");
		u_put_number((unsigned)status);
		u_puts("\n");
	}
	u_exit(u_wait(0, 0) == SYSCALL_BAD ? 0 : 1);     /* none left */
}

/* A child that spins for ever and one that exits: the second ends only
 * if the timer takes the CPU from the first. */
void user_preempt(void)
{
	int spinner = u_fork(), quick, status = 0;

	if (spinner == 0)
		for (;;)
			;
	quick = u_fork();
	if (quick == 0)
		u_exit(7);
	u_wait(quick, &status);
	u_puts("preempt: the quick child exited with status ");
	u_put_number((unsigned)status);
	u_puts(" while the other spun\n");
	u_syscall(SYS_KILL, (uint32_t)spinner, 0, 0);
	u_wait(spinner, &status);
	u_puts("preempt: the spinner, killed, ended with status ");
	u_puts(status == -1 ? "-1\n" : "something else\n");
	u_exit(0);
}

#define LINES           200

/* Lines "line N" into the pipe. */
static void producer(int out)
{
	char line[16] = "line ";
	int n;

	for (n = 1; n <= LINES; n++) {
		unsigned v = (unsigned)n, len = 5, i, digits = 0;
		char tmp[8];

		do {
			tmp[digits++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		for (i = 0; i < digits; i++)
			line[len++] = tmp[digits - 1 - i];
		line[len++] = '\n';
		u_syscall(SYS_WRITE, (uint32_t)out, (uint32_t)line, len);
	}
	u_exit(0);
}

/* Upper case, from one pipe to the next. */
static void shouter(int in, int out)
{
	char buf[64];
	int n, i;

	while ((n = u_syscall(SYS_READ, (uint32_t)in, (uint32_t)buf,
			      sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] = (char)(buf[i] - 'a' + 'A');
		u_syscall(SYS_WRITE, (uint32_t)out, (uint32_t)buf, (uint32_t)n);
	}
	u_exit(0);
}

/* Counts what arrives and checks every line. */
static void counter(int in)
{
	char buf[100];
	unsigned bytes = 0, lines = 0, sum = 0;
	int n, i, upper = 1;

	while ((n = u_syscall(SYS_READ, (uint32_t)in, (uint32_t)buf,
			      sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			lines += buf[i] == '\n';
			upper &= !(buf[i] >= 'a' && buf[i] <= 'z');
			sum = sum * 31 + (unsigned char)buf[i];
		}
		bytes += (unsigned)n;
	}
	u_puts("pipeline: ");
	u_put_number(lines);
	u_puts(" lines, ");
	u_put_number(bytes);
	u_puts(" bytes, checksum ");
	u_put_number(sum);
	u_puts(upper ? ", all upper case\n" : ", not all upper case\n");
	u_exit(0);
}

static void close_all(const int *fds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		u_syscall(SYS_CLOSE, (uint32_t)fds[i], 0, 0);
}

/* producer | shouter | counter, through two pipes of 512 bytes: each
 * stage waits for the one before and the one after. */
void user_pipeline(void)
{
	int a[2], b[2], fds[4], pids[3], i, status;

	u_syscall(SYS_PIPE, (uint32_t)a, 0, 0);
	u_syscall(SYS_PIPE, (uint32_t)b, 0, 0);
	fds[0] = a[0], fds[1] = a[1], fds[2] = b[0], fds[3] = b[1];
	if ((pids[0] = u_fork()) == 0) {
		u_syscall(SYS_CLOSE, (uint32_t)a[0], 0, 0);
		u_syscall(SYS_CLOSE, (uint32_t)b[0], 0, 0);
		u_syscall(SYS_CLOSE, (uint32_t)b[1], 0, 0);
		producer(a[1]);
	}
	if ((pids[1] = u_fork()) == 0) {
		u_syscall(SYS_CLOSE, (uint32_t)a[1], 0, 0);
		u_syscall(SYS_CLOSE, (uint32_t)b[0], 0, 0);
		shouter(a[0], b[1]);
	}
	if ((pids[2] = u_fork()) == 0) {
		close_all(fds, 2);
		u_syscall(SYS_CLOSE, (uint32_t)b[1], 0, 0);
		counter(b[0]);
	}
	close_all(fds, 4);
	for (i = 0; i < 3; i++)
		u_wait(pids[i], &status);
	u_exit(0);
}

/* The tiny init: each program in turn, forked and exec'ed, waited for. */
void user_init(void)
{
	static const char *const names[] = {
		"hello", "exit3", "peek", "family", "preempt", "pipeline",
		"stress", "fpu", "tls", "nosuch",
	};
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int pid = u_fork(), status = 0;
		unsigned len = 0;

		while (names[i][len])
			len++;
		if (pid == 0) {
			u_syscall(SYS_EXEC, (uint32_t)names[i], len, 0);
			u_puts("init: no program ");
			u_puts(names[i]);
			u_puts("\n");
			u_exit(127);
		}
		u_wait(pid, &status);
		u_puts("init: ");
		u_puts(names[i]);
		if (status == -1) {
			u_puts(" was killed\n");
		} else {
			u_puts(" exited with status ");
			u_put_number((unsigned)status);
			u_puts("\n");
		}
	}
	u_exit(0);
}

#define STRESS_CHILDREN 4
#define STRESS_PAGES    64u
#define STRESS_ROUNDS   3
#define DZ_BASE         0x40000000u     /* paging.h's demand-zero area */

/* One child's work: fill its pages, give the CPU up, check them all. */
static int stress_child(unsigned seed)
{
	volatile unsigned *mem = (volatile unsigned *)DZ_BASE;
	unsigned round, i, bad = 0;

	for (round = 0; round < STRESS_ROUNDS; round++) {
		for (i = 0; i < STRESS_PAGES; i++) {
			mem[i * 1024 + round] = seed * 1000003u + i * 31u + round;
			if (i % 16 == 0)
				u_syscall(SYS_YIELD, 0, 0, 0);
		}
		for (i = 0; i < STRESS_PAGES; i++)
			bad += mem[i * 1024 + round] != seed * 1000003u + i * 31u + round;
	}
	return bad ? 1 : 0;
}

/* Several processes touch fresh pages at once, each its own. */
void user_stress(void)
{
	int pids[STRESS_CHILDREN], i, status;

	for (i = 0; i < STRESS_CHILDREN; i++) {
		pids[i] = u_fork();
		if (pids[i] == 0)
			u_exit(stress_child((unsigned)i + 1));
	}
	for (i = 0; i < STRESS_CHILDREN; i++) {
		u_wait(pids[i], &status);
		u_puts("stress: child ");
		u_put_number((unsigned)i + 1);
		u_puts(status == 0 ? ": every page held its own values\n" :
				     ": pages held the wrong values\n");
	}
	u_exit(0);
}

/* Sums 1/k, giving the CPU up now and then, so that the FPU changes
 * hands mid-sum. */
static double harmonic(unsigned n)
{
	double sum = 0;
	unsigned k;

	for (k = 1; k <= n; k++) {
		sum += 1.0 / k;
		if (k % 500 == 0)
			u_syscall(SYS_YIELD, 0, 0, 0);
	}
	return sum;
}

/* Three children and their parent use the FPU at once; each result must
 * come out as if it had the FPU to itself. */
void user_fpu(void)
{
	int pids[3], i, status;
	volatile double mine = 1.5;

	mine *= 3;
	for (i = 0; i < 3; i++) {
		pids[i] = u_fork();
		if (pids[i] == 0)
			u_exit((int)(harmonic(2000u * (unsigned)(i + 1)) * 1000.0) % 1000);
	}
	mine += harmonic(1000) > 7.48 ? 1 : 0;  /* H(1000) = 7.485... */
	for (i = 0; i < 3; i++) {
		u_wait(pids[i], &status);
		u_puts("fpu: child ");
		u_put_number((unsigned)i + 1);
		u_puts(": H(");
		u_put_number(2000u * (unsigned)(i + 1));
		u_puts("): fraction digits ");
		u_put_number((unsigned)status);
		u_puts("\n");
	}
	u_puts(mine == 5.5 ? "fpu: the parent's own sums held\n" :
			     "fpu: the parent's sums were disturbed\n");
	u_exit(0);
}

#define TLS_CHILDREN    3
#define TLS_ROUNDS      50

struct tls_block {
	unsigned value;
	unsigned owner;
};

static struct tls_block tls_blocks[TLS_CHILDREN];

static unsigned tls_word(unsigned offset)
{
	unsigned v;

	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(offset));
	return v;
}

/* Each child puts a block of its own under %gs (TLS entry 0) and reads
 * it through %gs while the others run: each must always see its own, so
 * every switch between them loaded the right entries. The parent has
 * none. */
void user_tls(void)
{
	int pids[TLS_CHILDREN], i;

	for (i = 0; i < TLS_CHILDREN; i++) {
		pids[i] = u_fork();
		if (pids[i] == 0) {
			struct tls_block *b = &tls_blocks[i];
			int sel = u_syscall(SYS_SET_TLS, 0, (uint32_t)b, sizeof(*b));
			unsigned round, wrong = 0;

			if (sel == SYSCALL_BAD)
				u_exit(100);
			__asm__ volatile("movw %w0, %%gs" : : "r"(sel));
			b->value = 1000u + (unsigned)i;
			b->owner = (unsigned)i;
			for (round = 0; round < TLS_ROUNDS; round++) {
				wrong += tls_word(0) != 1000u + (unsigned)i;
				wrong += tls_word(4) != (unsigned)i;
				u_syscall(SYS_YIELD, 0, 0, 0);
			}
			u_exit((int)wrong);
		}
	}
	for (i = 0; i < TLS_CHILDREN; i++) {
		int status = -1;

		u_wait(pids[i], &status);
		u_puts("tls: child ");
		u_put_number((unsigned)i + 1);
		u_puts(status == 0 ? ": its own block every time\n" :
		       ": saw another block\n");
	}
	u_exit(u_syscall(SYS_SET_TLS, TLS_CHILDREN, 0, 0) == SYSCALL_BAD ? 0 : 1);
}
