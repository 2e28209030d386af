#include <abi.h>
#include <x86/exception.h>
#include <x86/pte.h>
#include <lib/string.h>
#include "early.h"
#include "frames.h"
#include "os.h"
#include "paging.h"
#include "pv.h"
#include "words.h"

#define PT2_INDEX(va, shift)    (((va) >> (shift)) & (PT2_ENTRIES - 1))
#define PAE_INDEX(va, shift)    (((va) >> (shift)) & (PAE_ENTRIES - 1))
#define TABLE_FLAGS             (PTE_P | PTE_W | PTE_U)  /* leaves decide */
#define KERNEL_FLAGS            (PTE_P | PTE_W)
#define PT2_KERNEL_FIRST        (KERNEL_BASE >> PT2_PDE_SHIFT)
#define PAE_KERNEL_PDPTE        (KERNEL_BASE >> PAE_PDPTE_SHIFT)

static unsigned format;
static uint32_t kernel_root, current;   /* a directory, or a PDPT */
static unsigned faults;

static bool pae(void)
{
	return format == HV_PT_PAE;
}

static void changed(uint32_t root, uint32_t va, unsigned level)
{
	if (current)            /* before the first load there is nothing */
		pv->pt_changed(root, va, level);
}

unsigned paging_format(const char *cmdline)
{
	const char *p = cmdline, *word;
	size_t len;

	for (word = next_word(&p, &len); len; word = next_word(&p, &len))
		if (len == 6 && !memcmp(word, "pt=pae", 6))
			return HV_PT_PAE;
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

/* Entries are read and written as 64 bits on PAE, 32 on 2-level. */
static uint64_t entry_get(const void *e)
{
	return pae() ? *(const uint64_t *)e : *(const uint32_t *)e;
}

static void entry_set(void *e, uint64_t v)
{
	if (pae())
		*(uint64_t *)e = v;
	else
		*(uint32_t *)e = (uint32_t)v;
}

static uint32_t entry_frame(uint64_t e)
{
	return (uint32_t)(e & (pae() ? PAE_ADDR_MASK : PT2_ADDR_MASK));
}

/* The directory entry covering va in root. */
static void *dir_entry(uint32_t root, uint32_t va)
{
	if (pae()) {
		uint64_t *pdpt = P2V(root);
		uint64_t *pd = P2V(pdpt[va >> PAE_PDPTE_SHIFT] & PAE_ADDR_MASK);

		return &pd[PAE_INDEX(va, PAE_PDE_SHIFT)];
	}
	return &((uint32_t *)P2V(root))[PT2_INDEX(va, PT2_PDE_SHIFT)];
}

/* The leaf entry for va in root, its table made if alloc; else NULL. */
static void *leaf(uint32_t root, uint32_t va, bool alloc)
{
	void *pde = dir_entry(root, va);

	if (!(entry_get(pde) & PTE_P)) {
		if (!alloc)
			return NULL;
		entry_set(pde, table_alloc() | TABLE_FLAGS);
		changed(root, va, pae() ? PT_CHANGED_DIRECTORY : PT_CHANGED_TOP);
	}
	if (pae())
		return &((uint64_t *)P2V(entry_frame(entry_get(pde))))
			[PAE_INDEX(va, PTE_INDEX_SHIFT)];
	return &((uint32_t *)P2V(entry_frame(entry_get(pde))))
		[PT2_INDEX(va, PTE_INDEX_SHIFT)];
}

/* A top table; on PAE with its three user directories (the PDPT never
 * changes) and the kernel's. */
static uint32_t root_alloc(void)
{
	uint32_t root = table_alloc();
	unsigned i;

	if (!pae())
		return root;
	for (i = 0; i < PAE_KERNEL_PDPTE; i++)
		((uint64_t *)P2V(root))[i] = table_alloc() | PTE_P;
	((uint64_t *)P2V(root))[PAE_KERNEL_PDPTE] = kernel_root ?
		((uint64_t *)P2V(kernel_root))[PAE_KERNEL_PDPTE] :
		table_alloc() | PTE_P;
	return root;
}

void paging_init(unsigned fmt, uint32_t top)
{
	uint32_t pa;

	format = fmt;
	kernel_root = root_alloc();
	for (pa = 0; pa < top; pa += PAGE_SIZE)
		entry_set(leaf(kernel_root, (uint32_t)(uintptr_t)P2V(pa), true),
			  pa | KERNEL_FLAGS);
	paging_switch(kernel_root);
}

uint32_t paging_kernel_root(void)
{
	return kernel_root;
}

uint32_t paging_current(void)
{
	return current;
}

void paging_switch(uint32_t root)
{
	pv->pt_start(format, root);
	current = root;
}

uint32_t paging_space_new(void)
{
	uint32_t root;

	if (frames_free() < (pae() ? PAE_KERNEL_PDPTE + 1 : 1))
		return 0;
	root = root_alloc();
	if (!pae())
		memcpy((uint32_t *)P2V(root) + PT2_KERNEL_FIRST,
		       (uint32_t *)P2V(kernel_root) + PT2_KERNEL_FIRST,
		       (PT2_ENTRIES - PT2_KERNEL_FIRST) * sizeof(uint32_t));
	return root;
}

/* Frees the frames a page table maps, then the table. */
static void free_table(uint32_t table)
{
	unsigned n = pae() ? PAE_ENTRIES : PT2_ENTRIES, i;
	uint8_t *t = P2V(table);

	for (i = 0; i < n; i++) {
		uint64_t e = entry_get(t + i * (pae() ? 8 : 4));

		if (e & PTE_P)
			frame_free(entry_frame(e));
	}
	frame_free(table);
}

/*
 * Every user page and table of root. What the back end keeps of a space
 * (the hypervisor's shadow of it) must be gone before its frames are
 * anyone else's: each table is reported as going, the reports flushed,
 * and only then is anything freed. root is not loaded, so nothing uses
 * the tables meanwhile.
 */
void paging_space_free(uint32_t root)
{
	uint32_t span = paging_table_span(), va;
	unsigned i;

	for (va = 0; va < USER_TOP; va += span)
		if (entry_get(dir_entry(root, va)) & PTE_P)
			changed(root, va, pae() ? PT_CHANGED_DIRECTORY :
				PT_CHANGED_TOP);
	pv->flush();
	for (va = 0; va < USER_TOP; va += span) {
		uint64_t e = entry_get(dir_entry(root, va));

		if (e & PTE_P)
			free_table(entry_frame(e));
	}
	for (i = 0; pae() && i < PAE_KERNEL_PDPTE; i++)
		frame_free(entry_frame(((uint64_t *)P2V(root))[i]));
	frame_free(root);
}

bool paging_map(uint32_t root, uint32_t va, uint32_t pa, uint32_t flags)
{
	void *e;

	if (frames_free() < 1)
		return false;
	e = leaf(root, va, true);
	entry_set(e, pa | flags);
	changed(root, va, PT_CHANGED_ENTRY);
	return true;
}

uint32_t paging_frame(uint32_t root, uint32_t va, uint32_t flags)
{
	void *pde = dir_entry(root, va), *e;
	uint64_t entry;

	if ((entry_get(pde) & (flags | PTE_P)) != (flags | PTE_P))
		return 0;
	e = leaf(root, va, false);
	entry = entry_get(e);
	return (entry & (flags | PTE_P)) == (flags | PTE_P) ? entry_frame(entry) : 0;
}

bool paging_table_present(uint32_t root, uint32_t va)
{
	return entry_get(dir_entry(root, va)) & PTE_P;
}

bool paging_mapped(uint32_t root, uint32_t va, uint32_t flags)
{
	return paging_frame(root, va, flags) != 0;
}

bool paging_fault(uint32_t addr, uint32_t error)
{
	uint32_t va = addr & ~(PAGE_SIZE - 1), pa, flags = KERNEL_FLAGS;

	if ((error & PFEC_PRESENT) || addr < DEMAND_ZERO_BASE ||
	    addr - DEMAND_ZERO_BASE >= DEMAND_ZERO_SIZE)
		return false;
	if (paging_mapped(current, va, 0))
		return true;            /* mapped already: nothing to give */
	pa = frame_alloc();
	if (!pa)
		return false;
	if (error & PFEC_USER)
		flags |= PTE_U;
	/* It is about to be used: set now, A and D need no update later (a
	 * shadow pager can map it writable at once). */
	flags |= PTE_A | PTE_D;
	if (!paging_map(current, va, pa, flags)) {
		frame_free(pa);
		return false;
	}
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

/* Page tables left empty in [va, end) go back too, reported as the
 * directory changes they are. */
static void release_tables(uint32_t va, uint32_t end)
{
	uint32_t span = paging_table_span();

	for (va &= ~(span - 1); va < end; va += span) {
		void *pde = dir_entry(current, va);
		uint64_t e = entry_get(pde);

		if (!(e & PTE_P) || !table_empty(entry_frame(e)))
			continue;
		entry_set(pde, 0);
		changed(current, va, pae() ? PT_CHANGED_DIRECTORY : PT_CHANGED_TOP);
		frame_free(entry_frame(e));
	}
}

void paging_release(uint32_t va, uint32_t len)
{
	uint32_t start = va, end = va + len;

	for (; va < end; va += PAGE_SIZE) {
		void *e = leaf(current, va, false);
		uint64_t entry = e ? entry_get(e) : 0;

		if (!(entry & PTE_P))
			continue;
		entry_set(e, 0);
		changed(current, va, PT_CHANGED_ENTRY);
		frame_free(entry_frame(entry));
	}
	release_tables(start, end);
	pv->flush();            /* before the frames are given again */
}

uint32_t paging_table_span(void)
{
	return pae() ? 1u << PAE_PDE_SHIFT : 1u << PT2_PDE_SHIFT;
}

unsigned paging_faults(void)
{
	return faults;
}
