/*
 * Lazy FPU switching: a process's x87 state stays in the FPU until
 * another process uses it. Switching to a process that does not own the
 * FPU sets CR0.TS (through the back end: natively CR0, under the
 * hypervisor its TS call), so its first FPU instruction traps (#NM); the
 * handler saves the owner's state, loads this process's (or a fresh one
 * at its first use) and clears TS. A process that never touches the FPU
 * costs nothing for it.
 */
#ifndef OS_FPU_H
#define OS_FPU_H

#include "sched.h"                      /* FPU_STATE_SIZE */

/* At a switch to p (sched.c). */
void fpu_switch_to(const struct proc *p);

/* The #NM handler (trap.c). */
void fpu_trap(struct proc *p);

/* A forked child starts with its parent's FPU state. */
void fpu_copy(struct proc *child, const struct proc *parent);

/* p ends: it no longer owns the FPU. */
void fpu_forget(const struct proc *p);

#endif
