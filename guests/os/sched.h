/*
 * Processes and the scheduler. Each process has a slot in a fixed table,
 * its own kernel stack, on which traps from its ring 3 arrive, and its
 * own address space. The kernel's boot thread runs the scheduler: it
 * switches to each runnable process in turn (swtch.S), and a process
 * switches back when it sleeps, waits, exits or, in ring 3, is preempted
 * by the timer, which ticks every SCHED_TICK_MS while processes exist.
 * With nothing runnable the CPU halts until the next interrupt. Kernel
 * code is never preempted: one CPU, and interrupts only in ring 3 or in a
 * halt, so the table needs no lock.
 */
#ifndef OS_SCHED_H
#define OS_SCHED_H

#include <trap_frame.h>
#include "pv.h"

#define NPROC           16
#define FPU_STATE_SIZE  108             /* FNSAVE's, 32-bit protected mode */
#define SCHED_TICK_MS   10u
#define KSTACK_SIZE     8192u

enum proc_state { UNUSED, RUNNABLE, RUNNING, SLEEPING, WAITING, BLOCKED,
		  ZOMBIE };

/* A file descriptor (pipe.h). */
#define FD_MAX          8
enum fd_kind { FD_NONE, FD_CONSOLE, FD_PIPE_READ, FD_PIPE_WRITE };
struct fd {
	enum fd_kind kind;
	unsigned pipe;
};

struct proc {
	enum proc_state state;
	unsigned pid, ppid;
	const char *name;       /* its program's */
	uint32_t entry;         /* its program's entry (a user address) */
	uint32_t root;          /* its address space */
	uint32_t context;       /* its kernel esp, saved by swtch */
	uint32_t wake_tick;     /* SLEEPING until */
	unsigned wait_for;      /* WAITING for this child (0: any) */
	int status;             /* when ZOMBIE */
	const void *chan;       /* BLOCKED on this */
	uint8_t *kstack;        /* KSTACK_SIZE bytes */
	struct desc tls[OS_TLS_ENTRIES];        /* SYS_SET_TLS's; 0: none */
	bool fpu_used;          /* fpu holds its state (fpu.h) */
	uint8_t fpu[FPU_STATE_SIZE];
	struct fd fds[FD_MAX];
};

/* The running process changed its TLS entries: they are loaded now. */
void sched_tls_changed(void);

/* The process running now, or NULL (the scheduler, kernel programs). */
struct proc *sched_current(void);

/* A free slot with a fresh pid and kernel stack, or NULL; its context
 * returns to ring 3 through the trap frame it returns a pointer to, which
 * the caller fills in. */
struct proc *sched_new(const char *name, unsigned ppid, struct trap_frame **tf);

/* Runs the processes until none is left. */
void sched_run(void);

/* From a process: gives the CPU up (it stays runnable), sleeps, or blocks
 * in the given state until sched_wake() (WAITING). */
void sched_yield(void);
void sched_sleep(unsigned ms);
void sched_block(enum proc_state state);
void sched_wake(struct proc *p);

/* Blocks until sched_wakeup(chan); every process blocked on it wakes. */
void sched_sleep_on(const void *chan);
void sched_wakeup(const void *chan);

/* Ends the running process: a zombie until its parent waits (its
 * children go to the kernel, which reaps them when they end). */
NORETURN void sched_exit(int status);

/* The timer's tick (trap.c); from_user: ring 3 was interrupted. */
void sched_tick(bool from_user);

/* The slot of pid, or NULL; and each slot in turn (NULL past the end). */
struct proc *sched_find(unsigned pid);
struct proc *sched_slot(unsigned i);

/* Frees a zombie's slot. */
void sched_reap(struct proc *p);

/* Makes p (not the running process) a zombie with status, as if it had
 * exited; its parent is woken if it waits for it. */
void sched_kill(struct proc *p, int status);

#endif
