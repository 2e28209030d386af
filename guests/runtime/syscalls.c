/*
 * The system calls newlib needs, on top of hypercalls: output goes to the
 * console and input comes from it, the heap grows from the end of the
 * image towards the top of guest memory, and exit shuts the guest down.
 */
#include <errno.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>
#include "hv.h"

#undef errno
extern int errno;
extern char _end[];

int _write(int fd, const void *buf, size_t len);
int _read(int fd, void *buf, size_t len);
void *_sbrk(ptrdiff_t incr);
int _close(int fd);
off_t _lseek(int fd, off_t off, int whence);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
void _exit(int status);
int _kill(int pid, int sig);
int _getpid(void);

int _write(int fd, const void *buf, size_t len)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
		errno = EBADF;
		return -1;
	}
	hv_console(buf, len);
	return (int)len;
}

static void console_irq(struct trap_regs *regs)
{
	(void)regs;                     /* it only ends the halt in _read */
}

/* A terminal's Enter sends a carriage return: read it as a newline. */
static uint32_t icrnl(char *buf, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (buf[i] == '\r')
			buf[i] = '\n';
	return n;
}

/*
 * Standard input is the console: waits until something has been typed,
 * and returns what has (carriage returns as newlines, as a terminal's
 * line discipline would; there is no echo).
 */
int _read(int fd, void *buf, size_t len)
{
	static int handler_installed;
	int was_on = irqs_enabled();
	uint32_t n;

	if (fd != STDIN_FILENO) {
		errno = EBADF;
		return -1;
	}
	if (!handler_installed) {
		trap_install(HV_IRQ_VECTOR_BASE + HV_IRQ_CONSOLE, console_irq, 0, 0);
		handler_installed = 1;
	}
	if (len > HV_CONSOLE_MAX)
		len = HV_CONSOLE_MAX;
	for (;;) {
		irq_disable();
		n = hcall(HV_CALL_CONSOLE_READ, (uint32_t)buf, len, 0, 0);
		if (n || !len)
			break;
		hv_halt_irq();
	}
	if (was_on)
		irq_enable();
	return (int)icrnl(buf, n);
}

void *_sbrk(ptrdiff_t incr)
{
	static char *brk = _end;
	char *old = brk, *limit = (char *)hv_boot->mem_bytes;

	if (incr > limit - brk || incr < _end - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk += incr;
	return old;
}

int _close(int fd)
{
	(void)fd;
	return 0;
}

off_t _lseek(int fd, off_t off, int whence)
{
	(void)fd;
	(void)off;
	(void)whence;
	return 0;
}

int _fstat(int fd, struct stat *st)
{
	(void)fd;
	st->st_mode = S_IFCHR;          /* unbuffered like a terminal */
	return 0;
}

int _isatty(int fd)
{
	(void)fd;
	return 1;
}

void _exit(int status)
{
	hv_exit((uint32_t)status);
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

int _getpid(void)
{
	return 1;
}
