/*
 * Processes: programs of the user image (user.h) run in ring 3, each in
 * an address space of its own sharing the kernel's half, scheduled by
 * sched.h. Their system calls and faults arrive here.
 */
#ifndef OS_PROCESS_H
#define OS_PROCESS_H

#include <trap_frame.h>

#define PROCESS_KILLED  (-1)

/* Starts entry (a user address) as a process of the kernel's, runs the
 * scheduler until every process has ended, and says how the first did. */
void process_run(const char *name, void (*entry)(void));

/* Called on a trap from ring 3: a system call, or a fault that kills. */
void process_trap(struct trap_frame *f);

#endif
