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
	struct desc gdt[GDT_ENTRIES] ALIGNED(8);
	struct tss32 tss;
	struct tss32 df_tss;        /* the double-fault task */
	uint8_t df_stack[DF_STACK_SIZE] ALIGNED(16);
};

extern struct cpu cpus[MAX_CPUS];

/* Only the boot CPU runs until application processors are started. */
static inline struct cpu *this_cpu(void)
{
	return &cpus[0];
}

#endif
