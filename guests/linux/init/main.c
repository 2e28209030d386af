/*
 * /init's main: mounts what the checks need, runs every check, then the
 * benchmark (bench on the command line), a shell (shell) or neither, and
 * powers off; with restart, the first boot on the hypervisor reboots
 * instead (the guest platform puts hv_restarts=N on the command line). The kernel hands the command line's unknown words to init:
 * plain words as arguments, name=value words in the environment.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "init.h"

static void vsay(const char *prefix, const char *fmt, va_list ap)
{
	char line[256];

	vsnprintf(line, sizeof(line), fmt, ap);
	printf("init: %s%s\n", prefix, line);
	fflush(stdout);
}

void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
}

void say_env(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("env: ", fmt, ap);
	va_end(ap);
}

static bool mount_filesystems(void)
{
	mkdir("/proc", 0555);
	mkdir("/tmp", 01777);
	mkdir("/dev", 0755);
	return mount("proc", "/proc", "proc", 0, NULL) == 0 &&
	       mount("tmpfs", "/tmp", "tmpfs", 0, NULL) == 0 &&
	       mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0;
}

static bool has_word(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], word) == 0)
			return true;
	return false;
}

/* Runs a program and waits for it; false if it did not exit with 0. */
static bool run(const char *path, char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* busybox's shell on the console, with its commands linked into /bin,
 * until it exits. */
static void run_shell(void)
{
	char *install[] = { "busybox", "--install", "-s", "/bin", NULL };
	char *sh[] = { "sh", NULL };

	if (!run("/bin/busybox", install))
		say("busybox --install FAILED");
	say("shell started; exit it to power off");
	run("/bin/sh", sh);
}

/* The first boot reboots, the next one goes on (the kernel's restart is
 * the hypervisor's SHUTDOWN with HV_SHUTDOWN_RESTART). */
static void restart_once(void)
{
	const char *count = getenv("hv_restarts");

	if (!count) {
		say("restart: no restart count: not on the hypervisor");
		return;
	}
	if (strcmp(count, "0") != 0) {
		say("restart: restarted %s time(s), going on", count);
		return;
	}
	say("restart: rebooting");
	sync();
	reboot(RB_AUTOBOOT);
	say("restart: reboot FAILED");
}

int main(int argc, char **argv)
{
	struct utsname u;
	unsigned passed = 0;

	if (argc == 2 && strcmp(argv[0], INIT_EXEC_PROBE) == 0)
		return strcmp(argv[1], INIT_EXEC_ARG) == 0 ? INIT_EXEC_STATUS : 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (uname(&u) == 0)
		say_env("Linux %s %s on %s", u.release, u.version, u.machine);
	if (!mount_filesystems())
		say("mounting /proc, /tmp and /dev FAILED");
	for (unsigned i = 0; i < check_count; i++)
		passed += checks[i].run();
	say("%u of %u checks passed", passed, check_count);
	if (has_word(argc, argv, "restart"))
		restart_once();
	if (has_word(argc, argv, "bench"))
		bench_run();
	if (has_word(argc, argv, "shell"))
		run_shell();
	power_off(passed == check_count);
}
