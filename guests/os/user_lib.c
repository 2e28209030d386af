#include "user.h"

int u_syscall(int nr, uint32_t a, uint32_t b, uint32_t c)
{
	int ret;

	__asm__ volatile("int %1" : "=a"(ret)
			 : "i"(SYSCALL_VECTOR), "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return ret;
}

void u_puts(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	u_syscall(SYS_WRITE, 1, (uint32_t)s, n);
}

void u_put_number(unsigned n)
{
	char digits[12];
	int i = sizeof(digits) - 1;

	digits[i] = 0;
	do {
		digits[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	u_puts(&digits[i]);
}

void u_exit(int status)
{
	for (;;)
		u_syscall(SYS_EXIT, (uint32_t)status, 0, 0);
}
