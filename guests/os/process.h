/*
 * Processes: a program of the user image (user.h) run in ring 3 in an
 * address space of its own, with the kernel's half shared. For now one
 * runs at a time, to its end: process_run returns when it exits or the
 * OS kills it.
 */
#ifndef OS_PROCESS_H
#define OS_PROCESS_H

#include <trap_frame.h>

#define PROCESS_KILLED  (-1)

/* Runs entry (a user address) as a new process; its exit status, or
 * PROCESS_KILLED. */
int process_run(const char *name, void (*entry)(void));

/* Called on a trap from ring 3: a system call, or a fault that kills. */
void process_trap(struct trap_frame *f);

#endif
