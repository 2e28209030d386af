/*
 * /init, the first and only program of the Linux guest's initramfs: a
 * static i386 program (glibc) that checks what user programs rely on,
 * measures the kernel, starts a shell when asked to and powers off.
 *
 * Every line it prints starts with "init: "; lines whose content differs
 * from machine to machine (versions, timings) start with "init: env: ",
 * which the tests leave out. The rest is the same natively and under the
 * hypervisor: it is the expected log.
 */
#ifndef INIT_H
#define INIT_H

#include <stdbool.h>
#include <stdint.h>

/* check_exec runs /init as INIT_EXEC_PROBE with one argument, and main
 * exits with INIT_EXEC_STATUS. */
#define INIT_EXEC_PROBE     "exec-probe"
#define INIT_EXEC_ARG       "an argument"
#define INIT_EXEC_STATUS    43
#define PIPE_BYTES          (256u * 1024)

/* Prints "init: " and the formatted line. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "init: env: " and the formatted line. */
void say_env(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The checks: each prints one line ending in "ok" or "FAILED: why" and
 * returns whether it passed. */
struct check {
	const char *name;
	bool (*run)(void);
};
extern const struct check checks[];
extern const unsigned check_count;

/* The benchmark (bench.c): prints its figures as env lines. */
void bench_run(void);

/* Nanoseconds of CLOCK_MONOTONIC. */
uint64_t now_ns(void);

/* Powers the machine off reporting success or failure (power.c); the
 * method comes from the kernel command line's poweroff= word. */
void power_off(bool success) __attribute__((noreturn));

#endif
