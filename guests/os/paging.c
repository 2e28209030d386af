#include <abi.h>
#include <x86/exception.h>
#include <x86/pte.h>
#include <lib/string.h>
#include "early.h"
#include "frames.h"
#include "os.h"
#include "paging.h"
#include "pv.h"

#define PT2_INDEX(va, shift)    (((va) >> (shift)) & (PT2_ENTRIES - 1))
#define PAE_INDEX(va, shift)    (((va) >> (shift)) & (PAE_ENTRIES - 1))
#define KERNEL_FLAGS            (PTE_P | PTE_W)

static unsigned format;
static uint32_t root;           /* the directory, or the PDPT */
static unsigned faults;
static bool started;            /* changes are reported once the tables run */

static void changed(uint32_t va, unsigned level)
{
	if (started)
		pv->pt_changed(root, va, level);
}

unsigned paging_format(const char *cmdline)
{
	const char *p = cmdline;

	while (*p) {
		const char *word;

		while (*p == ' ')
			p++;
		word = p;
		while (*p && *p != ' ')
			p++;
		if (p - word == 6 && !memcmp(word, "pt=pae", 6))
			return HV_PT_PAE;
	}
	return HV_PT_2LEVEL;
}

/* A table frame, or the OS stops: it cannot run without its tables. */
static uint32_t table_alloc(void)
{
	uint32_t pa = frame_alloc();

	if (!pa) {
		os_printf("paging: out of memory for page tables\n");
		pv->power_off(1);
	}
	return pa;
}

/* The leaf entry for va (its table made if need be), as a pointer. */
static void *leaf(uint32_t va)
{
	if (format == HV_PT_PAE) {
		uint64_t *pdpt = P2V(root);
		uint64_t *pd = P2V(pdpt[va >> PAE_PDPTE_SHIFT] & PAE_ADDR_MASK);
		uint64_t *pde = &pd[PAE_INDEX(va, PAE_PDE_SHIFT)];

		if (!(*pde & PTE_P)) {
			*pde = table_alloc() | KERNEL_FLAGS;
			changed(va, PT_CHANGED_DIRECTORY);
		}
		return &((uint64_t *)P2V(*pde & PAE_ADDR_MASK))
			[PAE_INDEX(va, PTE_INDEX_SHIFT)];
	} else {
		uint32_t *pd = P2V(root);
		uint32_t *pde = &pd[PT2_INDEX(va, PT2_PDE_SHIFT)];

		if (!(*pde & PTE_P)) {
			*pde = table_alloc() | KERNEL_FLAGS;
			changed(va, PT_CHANGED_TOP);
		}
		return &((uint32_t *)P2V(*pde & PT2_ADDR_MASK))
			[PT2_INDEX(va, PTE_INDEX_SHIFT)];
	}
}

static void set_leaf(uint32_t va, uint32_t entry)
{
	void *e = leaf(va);

	if (format == HV_PT_PAE)
		*(uint64_t *)e = entry;
	else
		*(uint32_t *)e = entry;
}

static uint32_t get_leaf(uint32_t va)
{
	void *e = leaf(va);

	return format == HV_PT_PAE ? (uint32_t)*(uint64_t *)e : *(uint32_t *)e;
}

/* The PAE top: four directories from the start, so it never changes. */
static void make_root(void)
{
	unsigned i;

	root = table_alloc();
	if (format != HV_PT_PAE)
		return;
	for (i = 0; i < PAE_PDPT_ENTRIES; i++)
		((uint64_t *)P2V(root))[i] = table_alloc() | PTE_P;
}

void paging_init(unsigned fmt, uint32_t top)
{
	uint32_t pa;

	format = fmt;
	make_root();
	for (pa = 0; pa < top; pa += PAGE_SIZE)
		set_leaf((uint32_t)(uintptr_t)P2V(pa), pa | KERNEL_FLAGS);
	pv->pt_start(format, root);
	started = true;
}

bool paging_fault(uint32_t addr, uint32_t error)
{
	uint32_t va = addr & ~(PAGE_SIZE - 1), pa;

	if ((error & PFEC_PRESENT) || addr < DEMAND_ZERO_BASE ||
	    addr - DEMAND_ZERO_BASE >= DEMAND_ZERO_SIZE)
		return false;
	pa = frame_alloc();
	if (!pa)
		return false;
	set_leaf(va, pa | KERNEL_FLAGS);
	changed(va, PT_CHANGED_ENTRY);
	faults++;
	return true;
}

static bool table_empty(uint32_t table)
{
	const uint32_t *w = P2V(table);
	unsigned i;

	for (i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/* The directory entry covering va, as a pointer, and its entry size. */
static void *directory_entry(uint32_t va, bool *wide)
{
	*wide = format == HV_PT_PAE;
	if (*wide) {
		uint64_t *pdpt = P2V(root);
		uint64_t *pd = P2V(pdpt[va >> PAE_PDPTE_SHIFT] & PAE_ADDR_MASK);

		return &pd[PAE_INDEX(va, PAE_PDE_SHIFT)];
	}
	return &((uint32_t *)P2V(root))[PT2_INDEX(va, PT2_PDE_SHIFT)];
}

/* Page tables left empty in [va, end) go back too, reported as the
 * directory changes they are. */
static void release_tables(uint32_t va, uint32_t end)
{
	uint32_t span = format == HV_PT_PAE ? 1u << PAE_PDE_SHIFT :
		       1u << PT2_PDE_SHIFT;

	for (va &= ~(span - 1); va < end; va += span) {
		bool wide;
		void *e = directory_entry(va, &wide);
		uint32_t entry = wide ? (uint32_t)*(uint64_t *)e : *(uint32_t *)e;
		uint32_t table = entry & PT2_ADDR_MASK;

		if (!(entry & PTE_P) || !table_empty(table))
			continue;
		if (wide)
			*(uint64_t *)e = 0;
		else
			*(uint32_t *)e = 0;
		changed(va, wide ? PT_CHANGED_DIRECTORY : PT_CHANGED_TOP);
		frame_free(table);
	}
}

void paging_release(uint32_t va, uint32_t len)
{
	uint32_t start = va, end = va + len;

	for (; va < end; va += PAGE_SIZE) {
		uint32_t entry = get_leaf(va);

		if (!(entry & PTE_P))
			continue;
		set_leaf(va, 0);
		changed(va, PT_CHANGED_ENTRY);
		frame_free(entry & PT2_ADDR_MASK);
	}
	release_tables(start, end);
}

unsigned paging_faults(void)
{
	return faults;
}
