/*
 * Several virtual CPUs in one guest ("vcpus=N" on its module line): the
 * runtime's part. vCPU 0 runs main(); hv_vcpu_start() starts another on
 * a function of its own, on its own stack, with its own shared page, in
 * the same address space, IDT handlers and GDT as its starter.
 *
 * Each vCPU finds what the runtime keeps for it (its hv_vcpu_area)
 * through %gs: once hv_smp is set, %gs holds HV_RUNTIME_SEL_VCPU, a
 * 16-byte data segment over the area in that vCPU's own GDT, whenever
 * runtime code runs (the trap entry loads it). So a guest with several
 * vCPUs leaves %gs to the runtime. Until the first start there is only
 * vCPU 0's area, found without %gs, and single-vCPU guests use %gs freely.
 *
 * What is not per vCPU is not thread-safe: newlib (print from one vCPU,
 * or under a lock), the page-table pool (pt_set that allocates a table)
 * and enter_user(). Spinlocks are in spinlock.h.
 */
#ifndef GUEST_VCPU_H
#define GUEST_VCPU_H

/* A GDT entry of no other use: not TLS, not the hypervisor's, not one the
 * ABI fills, and one Linux i386 leaves unused too. */
#define HV_RUNTIME_GDT_VCPU     30
#define HV_RUNTIME_SEL_VCPU     (HV_RUNTIME_GDT_VCPU << 3 | 1)
#define HV_VCPU_STACK           16384   /* what hv_vcpu_start gives each */

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <abi.h>

/* traps.S and user.S use the offsets (runtime.c checks them). */
struct hv_vcpu_area {
	struct hv_vcpu_area *self;      /* offset 0 */
	struct hv_shared *shared;       /* offset 4: its shared page */
	unsigned index;                 /* its vCPU number */
	unsigned async_cursor;          /* its next async ring slot */
};

extern struct hv_vcpu_area hv_vcpu_areas[HV_MAX_VCPUS];
extern int hv_smp;                  /* set by the first hv_vcpu_start() */

static inline struct hv_vcpu_area *hv_area(void)
{
	struct hv_vcpu_area *a;

	if (!hv_smp)
		return &hv_vcpu_areas[0];
	__asm__ volatile("movl %%gs:0, %0" : "=r"(a));
	return a;
}

/* The shared page of the vCPU that runs this (vCPU 0's is the one
 * REGISTER gave; a started vCPU's the one hv_vcpu_start gave it). */
static inline struct hv_shared *hv_self(void)
{
	return hv_area()->shared;
}

/* How many vCPUs the guest has (its boot info), and which one runs this. */
unsigned hv_vcpus(void);
static inline unsigned hv_vcpu_self(void)
{
	return hv_area()->index;
}

/*
 * Starts vCPU k (1 <= k < hv_vcpus()) on fn(k), with interrupts off
 * (irq_enable() turns them on) and no timer. The guest runtime maps
 * memory one to one, so the shared page it takes from malloc() is also
 * its guest-physical address. When fn returns, the vCPU halts for good
 * (an interrupt still runs its handler). Each vCPU starts once; the
 * hypervisor kills the guest for a second start, as for any misuse.
 */
void hv_vcpu_start(unsigned k, void (*fn)(unsigned k));

/* Raises virtual irq (HV_IRQ_IPI_FIRST or above) on vCPU k. */
static inline void hv_send_ipi(unsigned k, unsigned irq)
{
	hcall(HV_CALL_SEND_IPI, k, irq, 0, 0);
}

#endif
#endif
