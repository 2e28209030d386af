/* The programs the OS runs as processes (programs.c names them). */
#include "early.h"
#include "user.h"

void user_hello(void)
{
	u_puts("hello from ring 3, process ");
	u_put_number((unsigned)u_syscall(SYS_GETPID, 0, 0, 0));
	u_puts("\n");
	if (u_syscall(SYS_WRITE, KERNEL_BASE, 4, 0) == SYSCALL_BAD)
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
