/*
 * The OS's privileged operations, in one table with a back end per
 * machine, as Linux's paravirt layer has: native (the bare PC: the UART,
 * QEMU's debug-exit port) and hv (the hypervisor's calls, guests/abi.h).
 * os_main picks one from the magic in EAX at entry; nothing else in the OS
 * knows which machine it runs on.
 */
#ifndef OS_PV_H
#define OS_PV_H

#include <types.h>
#include <x86/desc.h>

/* The timer's vector on both machines: the 8259A's IRQ 0 remapped
 * natively, the hypervisor's HV_IRQ_TIMER virtually. */
#define OS_TIMER_VECTOR         32
#define OS_TIMER_MAX_NS         50000000u       /* 50 ms */

/* TLS entries per process: the hypervisor's count (its GDT has them at
 * HV_GDT_TLS_FIRST), and natively the OS's own GDT has as many there. */
#define OS_TLS_ENTRIES          3

/* pt_changed's level. */
#define PT_CHANGED_ENTRY        0
#define PT_CHANGED_DIRECTORY    1       /* PAE directories only */
#define PT_CHANGED_TOP          2

struct pv_ops {
	const char *machine;                    /* "bare metal", "hv 0.1.0" */
	uint16_t kernel_cs, kernel_ds;          /* the kernel's selectors */
	uint16_t user_cs, user_ds;              /* ring 3's */
	uint16_t user_tls;                      /* the first TLS entry's, ring 3 */
	/* The command line's words (natively, after the image's name). */
	const char *(*cmdline)(void);
	void (*console_write)(const char *s, size_t len);
	/* Installs the IDT entry for vector. */
	void (*set_gate)(unsigned vector, struct desc gate);
	/* Trap returns restore a virtual interrupt flag (trap_entry.S). */
	bool virtual_if;
	void (*irq_disable)(void);
	/* Enables interrupts and halts in one step; returns once an
	 * interrupt's handler has run, with interrupts on. */
	void (*wait_for_interrupt)(void);
	/* One timer interrupt, on OS_TIMER_VECTOR, after ns nanoseconds (at
	 * most OS_TIMER_MAX_NS: the PIT's reach). */
	void (*timer_once)(uint32_t ns);
	/* Ends the timer interrupt's handling. */
	void (*timer_ack)(void);
	/* The end of the memory the OS may use, from 1 MiB up. */
	uint32_t (*memory_top)(void);
	/* Turns on the tables at root, of format HV_PT_* (paging.h). */
	void (*pt_start)(unsigned format, uint32_t root);
	/* An entry of the tables at root that covers va changed: a leaf
	 * entry, a (PAE) directory entry or a top-level one. Queued: the
	 * change may be seen late unless it only adds a mapping, so a
	 * mapping taken away needs flush before its frame is used again. */
	void (*pt_changed)(uint32_t root, uint32_t va, unsigned level);
	/* The address the last page fault was for (CR2). */
	uint32_t (*fault_address)(void);
	/* What the back end has queued takes effect now: pt_changed and
	 * set_kernel_stack may be queued (the hypervisor's async ring) until
	 * this, or any call that must wait for the machine, runs. */
	void (*flush)(void);
	/* The kernel stack a trap from ring 3 starts on: [top - pages, top). */
	void (*set_kernel_stack)(uint32_t top, unsigned pages);
	/* Puts OS_TLS_ENTRIES descriptors (kept unchanged until the next
	 * call) into the TLS entries of the GDT; queued, like pt_changed:
	 * it takes effect by the next return to ring 3. */
	void (*load_tls)(const struct desc *tls);
	/* CR0.TS: set, the next FPU instruction traps (#NM). */
	void (*fpu_ts)(bool set);
	/* The time-stamp counter's rate in kHz (0: unknown). */
	uint32_t (*tsc_khz)(void);
	/* A call to the machine that does nothing, to time a round trip;
	 * NULL natively, where there is no machine to call. */
	void (*null_call)(void);
	NORETURN void (*power_off)(unsigned status);
};

/* The back ends; each starts from what the first stage found (early.h). */
struct early_info;
const struct pv_ops *pv_native_init(const struct early_info *e);
const struct pv_ops *pv_hv_init(const struct early_info *e);


extern const struct pv_ops *pv;

#endif
