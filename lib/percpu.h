/*
 * Per-CPU state. Every CPU has its own GDT, TSS and double-fault task with
 * its own stack, so that nothing here is shared once more CPUs run.
 */
#ifndef HV_PERCPU_H
#define HV_PERCPU_H

#include <types.h>
#include <x86/desc.h>
#include "segments.h"

#define MAX_CPUS            16
#define DF_STACK_SIZE       4096

struct cpu {
	unsigned index;
	uint32_t apic_id;
	bool online;                /* up and running hypervisor code */
	uint32_t locks_held;        /* ranks held (lib/lock_order.h) */
	volatile uint64_t timer_irqs;   /* its local APIC timer's */
	uint64_t timer_armed_ns;    /* the deadline its timer is set for, or 0 */
	uint64_t idle_halts;        /* halts of its run loop */
	uint64_t guest_ns;          /* time spent entering and in guests */
	struct desc gdt[GDT_ENTRIES] ALIGNED(8);
	struct tss32 tss;
	struct tss32 df_tss;        /* the double-fault task */
	uint8_t df_stack[DF_STACK_SIZE] ALIGNED(16);
};

extern struct cpu cpus[MAX_CPUS];

/*
 * The CPU running this: the one whose GDT is loaded, since each CPU's GDT
 * lies in its own struct cpu. Before the boot CPU loads its own (GRUB's
 * is loaded), the boot CPU.
 */
static inline struct cpu *this_cpu(void)
{
	struct desc_ptr gdtr;
	uintptr_t at, first = (uintptr_t)cpus;

	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	at = gdtr.base - __builtin_offsetof(struct cpu, gdt);
	if (at >= first && at < (uintptr_t)(cpus + MAX_CPUS) &&
	    (at - first) % sizeof(struct cpu) == 0)
		return (struct cpu *)at;
	return &cpus[0];
}

#endif
