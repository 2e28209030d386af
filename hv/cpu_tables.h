#ifndef HV_CPU_TABLES_H
#define HV_CPU_TABLES_H

#include <lib/percpu.h>

/* Loads this CPU's GDT, TSS and the shared IDT; reloads every segment. */
void cpu_tables_init(struct cpu *cpu);

/* The double-fault task switches CR3 too: keep it on the live page table. */
void cpu_tables_set_cr3(struct cpu *cpu, uint32_t cr3);

#endif
