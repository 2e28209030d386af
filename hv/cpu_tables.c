/*
 * GDT, TSS and IDT. All 256 vectors go to the stubs in trap_entry.S, except
 * the double fault: it arrives through a task gate, so it runs on a fresh
 * stack of its own even when the fault was caused by a broken stack.
 */
#include <x86/desc.h>
#include <x86/cr.h>
#include <x86/io.h>
#include "cpu_tables.h"
#include "trap.h"
#include "vectors.h"

struct cpu cpus[MAX_CPUS];
static struct desc idt[NUM_VECTORS] ALIGNED(8);
extern const uint32_t trap_stubs[NUM_VECTORS];

static void gdt_fill(struct cpu *cpu)
{
	struct desc *gdt = cpu->gdt;

	gdt[GDT_NULL] = (struct desc){ 0, 0 };
	gdt[GDT_HV_CODE] = desc_flat(SEG_CODE_RX, 0);
	gdt[GDT_HV_DATA] = desc_flat(SEG_DATA_RW, 0);
	gdt[GDT_GUEST_CODE] = desc_flat(SEG_CODE_RX, 1);
	gdt[GDT_GUEST_DATA] = desc_flat(SEG_DATA_RW, 1);
	gdt[GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	gdt[GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	gdt[GDT_TSS] = desc_system((uint32_t)&cpu->tss, sizeof(cpu->tss) - 1,
				   SYS_TYPE_TSS32_AVAIL, 0);
	gdt[GDT_DF_TSS] = desc_system((uint32_t)&cpu->df_tss,
				      sizeof(cpu->df_tss) - 1,
				      SYS_TYPE_TSS32_AVAIL, 0);
}

static void tss_fill(struct cpu *cpu)
{
	struct tss32 *df = &cpu->df_tss;

	cpu->tss.ss0 = SEL_HV_DATA;
	cpu->tss.iomap_base = sizeof(cpu->tss);     /* no I/O bitmap */

	df->eip = (uint32_t)double_fault_task;
	df->esp = (uint32_t)(cpu->df_stack + DF_STACK_SIZE);
	df->eflags = EFLAGS_RESERVED;
	df->cs = SEL_HV_CODE;
	df->ds = df->es = df->ss = SEL_HV_DATA;
	df->ss0 = SEL_HV_DATA;
	df->esp0 = df->esp;
	df->cr3 = read_cr3();
	df->iomap_base = sizeof(*df);
}

static void idt_fill(void)
{
	unsigned v;

	for (v = 0; v < NUM_VECTORS; v++)
		idt[v] = desc_gate(SEL_HV_CODE, trap_stubs[v],
				   SYS_TYPE_INTR_GATE, 0);
	idt[VEC_DOUBLE_FAULT] = desc_task_gate(SEL_DF_TSS);
}

static void load_tables(struct cpu *cpu)
{
	struct desc_ptr gdtr = { sizeof(cpu->gdt) - 1, (uint32_t)cpu->gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint32_t)idt };

	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %2, $1f\n"
		"1:\n\t"
		"movw %w3, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"lidt %1\n\t"
		"ltr %w4"
		: : "m"(gdtr), "m"(idtr), "i"(SEL_HV_CODE), "r"(SEL_HV_DATA),
		    "r"(SEL_TSS)
		: "eax", "memory");
}

void cpu_tables_init(struct cpu *cpu)
{
	gdt_fill(cpu);
	tss_fill(cpu);
	if (cpu->index == 0)
		idt_fill();
	load_tables(cpu);
}

void cpu_tables_set_cr3(struct cpu *cpu, uint32_t cr3)
{
	cpu->df_tss.cr3 = cr3;
}
