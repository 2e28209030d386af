/*
 * A guest: one paravirtual machine, or one virtual CPU of a machine with
 * several (vcpu.h says what they share). Everything the hypervisor knows
 * of it lives here; the guest's own view is its memory, its registers and
 * the shared page.
 *
 * Who touches what. A guest runs on one CPU, its home (cpu), and only the
 * home CPU's run loop (run.c) enters it, handles its exits and calls, and
 * releases it; so everything below is that CPU's alone, with these
 * exceptions, which any CPU may do under the guest lock (guest_lock()):
 * raising a virtual interrupt (state HALTED to RUNNABLE, pending), killing
 * it (state, end_reason), putting console input in its input ring, and
 * reading its shared page (which release unmaps under the lock). paused
 * is a flag the monitor sets and the home CPU reads. Whoever changes a
 * guest from elsewhere kicks its home CPU (ipi.h) to act on it now.
 */
#ifndef HV_GUEST_H
#define HV_GUEST_H

#include <types.h>
#include <x86/desc.h>
#include <guests/abi.h>
#include <lib/inring.h>
#include <mm/guest_mem.h>
#include <mm/shadow.h>
#include "descriptors.h"
#include "trap.h"
#include "vcpu.h"

#define MAX_GUESTS          16
#define GUEST_NAME_MAX      24
#define GUEST_LINE_MAX      160     /* console line buffer */
#define FPU_STATE_SIZE      512

enum guest_state {
	GUEST_UNUSED,
	GUEST_OFFLINE,              /* a vCPU not started yet (vcpu.h) */
	GUEST_RUNNABLE,
	GUEST_HALTED,               /* waiting for a virtual interrupt */
	GUEST_RESTARTING,           /* asked to restart: reloaded before it runs */
	GUEST_SHUTDOWN,             /* stopped itself */
	GUEST_KILLED,               /* stopped by the hypervisor */
};

#define KSTACK_MAX_PAGES    16u     /* SET_STACK's limit */

struct guest {
	unsigned id;
	unsigned cpu;               /* its home CPU: "cpu=K", or spread */
	bool pinned;                /* by "cpu=K": never moved */
	unsigned moves;             /* to another CPU, by balancing */
	bool on_cpu;                /* in its home CPU's run loop right now */
	enum guest_state state;
	bool paused;                /* by the monitor: alive, but not run */
	char name[GUEST_NAME_MAX];
	char cmdline[256];
	uint32_t exit_status;       /* from the shutdown call */
	unsigned restarts;
	const struct mb2_module *module;    /* its image, for restarts */
	unsigned module_index;
	char end_reason[128];       /* why it was killed */
	bool holds_memory;          /* memory and shadow not yet released */
	uint32_t mem_given;         /* bytes of memory, kept once released */

	/* Its place among the guest's virtual CPUs (vcpu.h). */
	unsigned vcpu;              /* 0: the one booted */
	unsigned nvcpus;            /* the guest's, in every vCPU */
	unsigned vcpus_holding;     /* vCPU 0's: not yet released */
	uint32_t wakeups;           /* vCPU 0's: raises and starts, counted */
	bool start_claimed;         /* a START_VCPU took it (guest lock) */
	bool start_pending;         /* started: to set up on its home CPU */
	gpa_t start_root;           /* the starter's address space then */
	uint32_t start_kernel;      /* and its kernel address */
	struct pt_inbox pt_inbox;   /* its siblings' page-table changes */

	struct guest_mem mem;
	struct shadow shadow;
	struct trap_frame regs;     /* saved while it does not run */

	/* The shared page, once registered. */
	gpa_t shared_gpa;
	hpa_t shared_hpa;           /* its frame */
	struct hv_shared *shared;   /* the hypervisor's mapping of it */
	uint32_t pt_format;         /* HV_PT_* */
	unsigned async_next;        /* next ring slot to look at */

	/*
	 * Calls in progress. The guest does not run again until everything
	 * its last entry asked for has run: the ready ring slots, then the
	 * synchronous call (sync_pending). That may take several passes of
	 * the run loop, with other guests in between: a pass runs a bounded
	 * batch, and a call that must wait for the console (call_blocked)
	 * is run again from where it stopped (console_done bytes in).
	 */
	bool sync_pending;
	bool call_blocked;
	uint32_t console_done;

	/* Descriptor tables as the guest set them. */
	struct desc gdt[HV_GDT_ENTRIES];
	struct desc idt[NUM_VECTORS]; /* as the guest loaded them */
	bool idt_changed, gdt_changed, tls_changed;
	/* Ring 3's 4 GiB data segments (segwrap.h): entries whose limit was
	 * cut, as asked for; those loaded for the instruction being stepped. */
	struct desc gdt_asked[HV_GDT_ENTRIES];
	uint32_t gdt_cut, wrap_mask;
	bool wrap_tf;

	/* Kernel stack for traps from ring 3 (SET_STACK). */
	uint32_t kstack_ss, kstack_esp, kstack_pages;
	uint32_t kstack_pinned;     /* the linear top byte its pins are for */
	bool kstack_unpinned;       /* to pin before it runs (hc_handlers.h) */

	/* Virtual interrupts and time. */
	uint32_t pending[HV_IRQS / 32];
	uint64_t timer_deadline;    /* clock_ns() value; 0 when off */
	bool halt_requested;        /* HALT: applied once the exit is handled */

	/* Lazy FPU. */
	bool guest_ts;              /* the guest asked for CR0.TS */
	bool fpu_used;
	uint8_t fpu_state[FPU_STATE_SIZE] ALIGNED(16);

	/* Console output not yet ended by a newline. */
	char line[GUEST_LINE_MAX];
	unsigned line_len;
	unsigned wire_len;          /* bytes of this line already out (a prompt) */

	/* Console input not yet read (console_input.c). */
	struct inring input;
	bool reads_input;           /* it has asked for input: HALT may wait for it */

	/* Accounting. */
	uint64_t exits, hypercalls, console_waits;
};

extern struct guest guests[MAX_GUESTS];
extern unsigned nguests;

/*
 * Ending a guest takes two steps. guest_kill() and guest_shutdown() only
 * record how it ended and change its state, so whatever handler called
 * them may still touch the guest's memory, shadow tables and registers
 * until it returns. The run loop calls guest_release() once the exit is
 * handled, and that alone returns the guest's frames. No other code frees
 * a guest's memory.
 */

/*
 * Says "guest NAME killed: REASON" and marks the guest killed; the first
 * reason wins, later kills of a guest that is no longer alive do nothing.
 */
void guest_kill(struct guest *g, const char *fmt, ...) PRINTF(2, 3);

/* The same for a reason that is no one vCPU's doing (the monitor's, or
 * every vCPU asleep): the reason names no vCPU. */
void guest_kill_whole(struct guest *g, const char *fmt, ...) PRINTF(2, 3);

/* Marks the guest stopped (or restarting) at its own request. */
void guest_shutdown(struct guest *g, uint32_t how, uint32_t status);

/*
 * On the guest's home CPU: frees what a guest that has ended still holds,
 * and counts it in guests_ended unless it is to restart; does nothing
 * otherwise.
 */
void guest_release(struct guest *g);

/* Guests that have ended for good and hold nothing any more. */
extern unsigned guests_ended;

/* A restart that failed: the guest ended, holding nothing. */
void guest_count_ended(void);

/*
 * The guest lock (rank GUEST in lib/lock_order.h): for the few changes
 * other CPUs make to a guest (see the top of this file). Held for a few
 * stores: never across a kprintf, a guest entry or another guest's lock.
 */
void guest_lock(struct guest *g);
void guest_unlock(struct guest *g);

static inline bool guest_alive(const struct guest *g)
{
	return g->state == GUEST_RUNNABLE || g->state == GUEST_HALTED;
}

/* Stopped, or to restart: the run loop is to release it. */
static inline bool guest_ended(const struct guest *g)
{
	return g->state == GUEST_SHUTDOWN || g->state == GUEST_KILLED ||
	       g->state == GUEST_RESTARTING;
}

/* Loads every module as a guest; refusals are reported and skipped. */
struct mb2_info;
struct mb2_module;
void guests_load(const struct mb2_info *info);

/* Reloads a guest that asked to restart from its image; false if it died. */
bool guest_reload(struct guest *g);

/*
 * Runs the guests until all have stopped, reports how each ended and
 * returns the power-off status. frames_before is the allocator's free
 * count before loading: every frame must come back.
 */
int guests_run(uint64_t frames_before);

/* The guest the run loop is running on this CPU now, or NULL (run.c). */
struct guest *run_current(void);

/* The same for CPU cpu, or NULL: a glance, it may change at once. */
struct guest *run_current_on(unsigned cpu);

/* An application processor's run loop, once the boot CPU starts its own. */
NORETURN void run_ap(void);

/* From the UART's interrupt: CPUs waiting for console room go on. */
void run_console_drained(void);

/* Lists how each guest ended; returns the power-off status. */
int guests_report(uint64_t frames_before);

extern unsigned modules_refused;

#endif
