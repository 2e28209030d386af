/*
 * Temporary mappings for frames outside the direct map (high memory, and
 * on a PAE host memory above 4 GiB). Each CPU owns a few page-sized windows
 * below the switcher; a window's entry is rewritten and its TLB entry
 * flushed on every use. Frames in the direct map need no window.
 */
#include <x86/io.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include "layout.h"
#include "mm.h"
#include "paging.h"

static void *slot_pte[MAX_CPUS][KMAP_SLOTS_PER_CPU];
static uint32_t slot_busy[MAX_CPUS];

static uint32_t slot_va(unsigned cpu, unsigned slot)
{
	return KMAP_BASE + (cpu * KMAP_SLOTS_PER_CPU + slot) * PAGE_SIZE;
}

void kmap_init(void)
{
	unsigned cpu, slot;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		for (slot = 0; slot < KMAP_SLOTS_PER_CPU; slot++) {
			slot_pte[cpu][slot] = hostpt_leaf(&host_pt,
							  slot_va(cpu, slot));
			if (!slot_pte[cpu][slot])
				panic("kmap: no memory for the windows");
		}
}

static void set_slot(unsigned cpu, unsigned slot, uint64_t pte)
{
	if (host_pt.mode == PAGING_PAE)
		*(volatile uint64_t *)slot_pte[cpu][slot] = pte;
	else
		*(volatile uint32_t *)slot_pte[cpu][slot] = (uint32_t)pte;
	invlpg(slot_va(cpu, slot));
}

void *kmap(hpa_t pa)
{
	unsigned cpu, slot;
	hpa_t frame = pa & PAGE_MASK;

	/* The common case first: it needs not even to know its CPU. */
	if (frame + PAGE_SIZE <= hv_memory.direct_top && frame >= PAGE_SIZE)
		return (void *)(uintptr_t)pa;
	cpu = this_cpu()->index;
	for (slot = 0; slot < KMAP_SLOTS_PER_CPU; slot++)
		if (!(slot_busy[cpu] & (1u << slot)))
			break;
	if (slot == KMAP_SLOTS_PER_CPU)
		panic("kmap: all %u windows of CPU %u are in use",
		      KMAP_SLOTS_PER_CPU, cpu);
	slot_busy[cpu] |= 1u << slot;
	set_slot(cpu, slot, hostpt_make_pte(&host_pt, frame, HPT_WRITE));
	return (void *)(uintptr_t)(slot_va(cpu, slot) + (uint32_t)(pa & ~PAGE_MASK));
}

void kunmap(void *va)
{
	uint32_t addr = (uint32_t)va & (uint32_t)PAGE_MASK;
	unsigned cpu, slot;

	if (addr < KMAP_BASE)
		return;             /* a direct-map address: nothing to undo */
	cpu = this_cpu()->index;
	slot = (addr - slot_va(cpu, 0)) / PAGE_SIZE;
	if (addr < slot_va(cpu, 0) || slot >= KMAP_SLOTS_PER_CPU ||
	    !(slot_busy[cpu] & (1u << slot)))
		panic("kunmap: %p is not a window of CPU %u", va, cpu);
	set_slot(cpu, slot, 0);
	slot_busy[cpu] &= ~(1u << slot);
}
