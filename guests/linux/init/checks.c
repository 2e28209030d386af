/*
 * The checks of what a user program relies on: processes, programs,
 * pipes, signals, memory, files and time. Each says what it did and
 * "ok", or "FAILED" and the first thing that went wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "init.h"

#define PAGE            4096u
#define CHILD_STATUS    42

static bool verdict(const char *name, const char *failure)
{
	if (failure)
		say("%s: FAILED: %s (errno %d)", name, failure, errno);
	else
		say("%s: ok", name);
	return failure == NULL;
}

/* Waits for pid; its exit status, or -1 if it did not exit normally. */
static int exit_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static volatile int cow_word = 1;

/* fork: the child has its own pid and its own copy of memory. */
static bool check_fork(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		cow_word = 2;
		_exit(getppid() == parent && getpid() != parent &&
		      cow_word == 2 ? CHILD_STATUS : 1);
	}
	if (pid < 0)
		return verdict("fork, exit and wait", "fork");
	if (exit_status(pid) != CHILD_STATUS)
		return verdict("fork, exit and wait", "the child's view or status");
	return verdict("fork, exit and wait",
		       cow_word == 1 ? NULL : "the child's write reached the parent");
}

/* exec: /init again, under a name that makes it exit at once. */
static bool check_exec(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/init", INIT_EXEC_PROBE, INIT_EXEC_ARG, (char *)NULL);
		_exit(1);
	}
	return verdict("exec", pid < 0 ? "fork" :
		       exit_status(pid) != INIT_EXEC_STATUS ?
		       "the program did not run with its arguments" : NULL);
}

static unsigned char pattern(unsigned i)
{
	return (unsigned char)(i * 7u + (i >> 9));
}

static void pipe_writer(int fd)
{
	unsigned char buf[1000];
	unsigned sent = 0;

	while (sent < PIPE_BYTES) {
		unsigned n = PIPE_BYTES - sent < sizeof(buf) ?
			PIPE_BYTES - sent : sizeof(buf);
		for (unsigned i = 0; i < n; i++)
			buf[i] = pattern(sent + i);
		if (write(fd, buf, n) != (ssize_t)n)
			_exit(1);
		sent += n;
	}
	_exit(0);
}

/* Reads the pipe to its end; NULL if exactly the pattern came. */
static const char *pipe_reader(int fd)
{
	unsigned char buf[777];
	unsigned got = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pattern(got + (unsigned)i))
				return "wrong bytes";
		got += (unsigned)n;
	}
	return n < 0 ? "read" : got != PIPE_BYTES ? "wrong length" : NULL;
}

/* pipe: 256 KiB from a child, in pieces that do not match the reads. */
static bool check_pipe(void)
{
	int fd[2];
	pid_t pid;
	const char *why;

	if (pipe(fd) != 0)
		return verdict("pipe of 256 KiB", "pipe");
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		pipe_writer(fd[1]);
	}
	close(fd[1]);
	why = pid < 0 ? "fork" : pipe_reader(fd[0]);
	close(fd[0]);
	if (pid > 0 && exit_status(pid) != 0 && !why)
		why = "the writer failed";
	return verdict("pipe of 256 KiB", why);
}

static volatile sig_atomic_t usr1_seen, chld_seen;

static void on_usr1(int sig) { usr1_seen += sig == SIGUSR1; }
static void on_chld(int sig) { chld_seen += sig == SIGCHLD; }

/* An address below every mapping; volatile so the compiler keeps the write. */
static volatile uintptr_t stray_address = 16;

/* A child that dies of a page fault: killed by SIGSEGV, not exited. */
static bool child_segfaults(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile int *)stray_address = 1;
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

/* signals: one sent to itself, one from a child, SIGCHLD, a fatal one. */
static bool check_signals(void)
{
	pid_t parent = getpid(), pid;

	signal(SIGUSR1, on_usr1);
	signal(SIGCHLD, on_chld);
	kill(parent, SIGUSR1);
	pid = fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	if (pid < 0 || exit_status(pid) != 0)
		return verdict("signals", "the signalling child");
	signal(SIGCHLD, SIG_DFL);
	if (usr1_seen != 2)
		return verdict("signals", "SIGUSR1 not handled twice");
	if (chld_seen < 1)
		return verdict("signals", "no SIGCHLD");
	return verdict("signals", child_segfaults() ? NULL :
		       "a stray write did not end the child with SIGSEGV");
}

/* NULL if every word of the pages is zero. */
static const char *all_zero(const unsigned *p, unsigned pages)
{
	for (unsigned i = 0; i < pages * PAGE / sizeof(*p); i++)
		if (p[i])
			return "fresh memory is not zero";
	return NULL;
}

/* mmap: 1024 fresh pages read as zero, keep what is written, and come
 * back zero once unmapped and mapped again. */
static bool check_mmap(void)
{
	const unsigned pages = 1024;
	unsigned *p;
	const char *why;

	for (int round = 0; round < 2; round++) {
		p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return verdict("mmap of 4 MiB, demand-zero", "mmap");
		why = all_zero(p, pages);
		for (unsigned i = 0; !why && i < pages; i++)
			p[i * PAGE / sizeof(*p) + i % 1000] = i + 1;
		for (unsigned i = 0; !why && i < pages; i++)
			if (p[i * PAGE / sizeof(*p) + i % 1000] != i + 1)
				why = "a page lost what was written";
		munmap(p, pages * PAGE);
		if (why)
			return verdict("mmap of 4 MiB, demand-zero", why);
	}
	return verdict("mmap of 4 MiB, demand-zero", NULL);
}

/* Reads path into buf (NUL-terminated, newlines cut); NULL or why not. */
static const char *read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return "open";
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return "read";
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return NULL;
}

/* files: one from the initramfs (its first line goes in the log: the
 * expected log pins it); one written, rewritten, read back, removed. */
static bool check_files(void)
{
	const char *path = "/tmp/check", *why;
	char buf[128];
	int fd;

	why = read_file("/etc/motd", buf, sizeof(buf));
	if (why)
		return verdict("files", why);
	say("files: /etc/motd says \"%s\"", buf);
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0 || write(fd, "hello, disk", 11) != 11 ||
	    lseek(fd, 7, SEEK_SET) != 7 || write(fd, "file", 4) != 4 ||
	    close(fd) != 0)
		return verdict("files", "writing /tmp/check");
	why = read_file(path, buf, sizeof(buf));
	if (!why && strcmp(buf, "hello, file") != 0)
		why = "/tmp/check does not hold what was written";
	if (!why && (unlink(path) != 0 || access(path, F_OK) == 0))
		why = "unlink";
	return verdict("files", why);
}

uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* time: the clocks move forward and a sleep lasts at least as asked. */
static bool check_time(void)
{
	struct timeval a, b;
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	uint64_t start;

	gettimeofday(&a, NULL);
	start = now_ns();
	if (nanosleep(&nap, NULL) != 0)
		return verdict("time and sleep", "nanosleep");
	if (now_ns() - start < 20u * 1000 * 1000)
		return verdict("time and sleep", "a 20 ms sleep was shorter");
	gettimeofday(&b, NULL);
	if (timercmp(&b, &a, <=))
		return verdict("time and sleep", "gettimeofday stood still");
	sleep(1);
	return verdict("time and sleep", now_ns() - start >= 1000000000u ?
		       NULL : "a 1 s sleep was shorter");
}

const struct check checks[] = {
	{ "fork", check_fork },
	{ "exec", check_exec },
	{ "pipe", check_pipe },
	{ "signals", check_signals },
	{ "mmap", check_mmap },
	{ "files", check_files },
	{ "time", check_time },
};
const unsigned check_count = sizeof(checks) / sizeof(checks[0]);
