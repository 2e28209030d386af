/*
 * The programs built into the OS, run in the order the command line
 * names them: some in the kernel, most as user processes (user.h).
 */
#ifndef OS_PROGRAMS_H
#define OS_PROGRAMS_H

#include <types.h>

void programs_run(const char *cmdline);

/* The benchmarks (bench.c): bench for make bench, bench-short for tests. */
void bench_program(void);
void bench_short_program(void);

/*
 * Where eip lies as "PROGRAM+0xOFFSET" from the start of the program that
 * is running, which does not move when other code changes; "" when none
 * runs or eip is too far from its start.
 */
const char *program_where(uint32_t eip);

/* The process program called name[0..len), for exec: its entry at its
 * user address and its name, or NULL. */
void (*program_user_entry(const char *name, size_t len, const char **found))(void);

#endif
