#include <x86/cr.h>
#include <lib/string.h>
#include "clock.h"
#include "fpu.h"
#include "os.h"
#include "paging.h"
#include "pipe.h"
#include "process.h"
#include "pv.h"
#include "sched.h"
#include "timer.h"
#include "trap.h"

void swtch(uint32_t *save_esp, uint32_t esp);
extern char trap_return[];

static struct proc procs[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] ALIGNED(PAGE_SIZE);
static struct proc *current;
static uint32_t scheduler_context;
static unsigned last_pid, ticks, live;

struct proc *sched_current(void)
{
	return current;
}

struct proc *sched_slot(unsigned i)
{
	return i < NPROC ? &procs[i] : NULL;
}

struct proc *sched_find(unsigned pid)
{
	unsigned i;

	for (i = 0; i < NPROC; i++)
		if (procs[i].state != UNUSED && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/*
 * The new stack, from its top: the trap frame, trap_return as swtch's
 * return address, then zeros for the four registers swtch pops.
 */
struct proc *sched_new(const char *name, unsigned ppid, struct trap_frame **tf)
{
	struct proc *p = NULL;
	uint32_t *sp;
	unsigned i;

	for (i = 0; i < NPROC && !p; i++)
		if (procs[i].state == UNUSED)
			p = &procs[i];
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->pid = ++last_pid;
	p->ppid = ppid;
	p->name = name;
	p->kstack = kstacks[p - procs];
	*tf = (struct trap_frame *)(p->kstack + KSTACK_SIZE) - 1;
	memset(*tf, 0, sizeof(**tf));
	sp = (uint32_t *)*tf;
	*--sp = (uint32_t)trap_return;
	sp -= 4;
	memset(sp, 0, 4 * sizeof(*sp));
	p->context = (uint32_t)sp;
	p->state = RUNNABLE;
	live++;
	return p;
}

static struct proc *pick(void)
{
	static unsigned next;
	unsigned i;

	for (i = 0; i < NPROC; i++) {
		struct proc *p = &procs[(next + i) % NPROC];

		if (p->state == RUNNABLE) {
			next = (unsigned)(p - procs) + 1;
			return p;
		}
	}
	return NULL;
}

/* The TLS entries as last given to the back end, which may read them
 * late (pv.h). */
static struct desc tls_loaded[OS_TLS_ENTRIES];

static void load_tls(const struct proc *p)
{
	if (!memcmp(tls_loaded, p->tls, sizeof(tls_loaded)))
		return;
	memcpy(tls_loaded, p->tls, sizeof(tls_loaded));
	pv->load_tls(tls_loaded);
}

void sched_tls_changed(void)
{
	load_tls(current);
	pv->flush();            /* it returns to ring 3 without the scheduler */
}

static void run(struct proc *p)
{
	p->state = RUNNING;
	current = p;
	trap_set_process_stack((uint32_t)(p->kstack + KSTACK_SIZE));
	fpu_switch_to(p);
	load_tls(p);
	paging_switch(p->root);
	pv->flush();            /* the TLS, if the load did not take it */
	clock_mark_first_process();
	swtch(&scheduler_context, p->context);
	current = NULL;
}

/* A zombie no one will wait for: its parent is the kernel, or gone. */
static void reap_orphan(struct proc *p)
{
	if (p->state != ZOMBIE || sched_find(p->ppid))
		return;
	if (p->status != PROCESS_KILLED)
		os_printf("process %u (%s): exited with status %d\n", p->pid,
			  p->name, p->status);
	paging_switch(paging_kernel_root());
	paging_space_free(p->root);
	sched_reap(p);
}

void sched_run(void)
{
	timer_ticking(true);
	while (live) {
		struct proc *p = pick();

		if (p) {
			run(p);
			reap_orphan(p);
		} else
			pv->wait_for_interrupt();   /* sleepers: the tick wakes them */
		pv->irq_disable();
	}
	timer_ticking(false);
	paging_switch(paging_kernel_root());
}

/* Back to the scheduler; returns when this process runs again. */
static void to_scheduler(void)
{
	swtch(&current->context, scheduler_context);
}

void sched_yield(void)
{
	current->state = RUNNABLE;
	to_scheduler();
}

void sched_sleep(unsigned ms)
{
	current->wake_tick = ticks + (ms + SCHED_TICK_MS - 1) / SCHED_TICK_MS;
	current->state = SLEEPING;
	to_scheduler();
}

void sched_block(enum proc_state state)
{
	current->state = state;
	to_scheduler();
}

void sched_wake(struct proc *p)
{
	p->state = RUNNABLE;
}

void sched_sleep_on(const void *chan)
{
	current->chan = chan;
	sched_block(BLOCKED);
	current->chan = NULL;
}

void sched_wakeup(const void *chan)
{
	unsigned i;

	for (i = 0; i < NPROC; i++)
		if (procs[i].state == BLOCKED && procs[i].chan == chan)
			sched_wake(&procs[i]);
}

void sched_exit(int status)
{
	unsigned i;

	for (i = 0; i < NPROC; i++)         /* its children: the kernel's now */
		if (procs[i].state != UNUSED && procs[i].ppid == current->pid)
			procs[i].ppid = 0;
	fds_close_all(current);
	sched_kill(current, status);
	to_scheduler();
	for (;;)
		;               /* a zombie never runs again */
}

void sched_reap(struct proc *p)
{
	fpu_forget(p);
	p->state = UNUSED;
	live--;
}

void sched_kill(struct proc *p, int status)
{
	struct proc *parent = sched_find(p->ppid);

	if (p != current)
		fds_close_all(p);
	p->status = status;
	p->state = ZOMBIE;
	if (parent && parent->state == WAITING &&
	    (!parent->wait_for || parent->wait_for == p->pid))
		sched_wake(parent);
}

void sched_tick(bool from_user)
{
	unsigned i;

	ticks++;
	for (i = 0; i < NPROC; i++)
		if (procs[i].state == SLEEPING && procs[i].wake_tick <= ticks)
			sched_wake(&procs[i]);
	if (from_user && current)
		sched_yield();          /* its slice is over */
}
