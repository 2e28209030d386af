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
