/*
 * The test programs built into the OS, run in the order the command line
 * names them. For now they run in the kernel; user processes come with
 * the OS's own page tables.
 */
#ifndef OS_PROGRAMS_H
#define OS_PROGRAMS_H

#include <types.h>

void programs_run(const char *cmdline);

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
