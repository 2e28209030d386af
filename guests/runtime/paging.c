/* Building and changing guest page tables in either format. */
#include <string.h>
#include <types.h>
#include "hv.h"
#include "paging.h"

#define POOL_PAGES      192

uint32_t hv_pt_format = HV_PT_2LEVEL;

static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned pool_used;

uint32_t pt_alloc_page(void)
{
	if (pool_used == POOL_PAGES)
		hv_crash("page-table pool exhausted");
	memset(pool[pool_used], 0, PAGE_SIZE);
	return (uint32_t)pool[pool_used++];
}

static int pae(void)
{
	return hv_pt_format == HV_PT_PAE;
}

uint32_t pt_large_size(void)
{
	return pae() ? 1u << PAE_PDE_SHIFT : 1u << PT2_PDE_SHIFT;
}

/* Entries are 8 bytes (PAE) or 4: read and write them through these. */
static uint64_t get(uint32_t table, unsigned index)
{
	if (pae())
		return ((volatile uint64_t *)table)[index];
	return ((volatile uint32_t *)table)[index];
}

static void put(uint32_t table, unsigned index, uint64_t e)
{
	if (pae())
		((volatile uint64_t *)table)[index] = e;
	else
		((volatile uint32_t *)table)[index] = (uint32_t)e;
}

static uint32_t frame(uint64_t e)
{
	return (uint32_t)(e & (pae() ? PAE_ADDR_MASK : PT2_ADDR_MASK));
}

uint32_t pt_new_root(void)
{
	uint32_t root = pt_alloc_page();
	unsigned i;

	if (pae())
		for (i = 0; i < PAE_PDPT_ENTRIES; i++)
			put(root, i, pt_alloc_page() | PTE_P);
	return root;
}

/* The directory holding va's entry, and that entry's index. */
static uint32_t directory(uint32_t root, uint32_t va, unsigned *index)
{
	if (!pae()) {
		*index = va >> PT2_PDE_SHIFT;
		return root;
	}
	*index = (va >> PAE_PDE_SHIFT) & (PAE_ENTRIES - 1);
	return frame(get(root, va >> PAE_PDPTE_SHIFT));
}

static unsigned table_index(uint32_t va)
{
	return (va >> PTE_INDEX_SHIFT) & ((pae() ? PAE_ENTRIES : PT2_ENTRIES) - 1);
}

uint64_t pt_get_dir(uint32_t root, uint32_t va)
{
	unsigned di;
	uint32_t dir = directory(root, va, &di);

	return get(dir, di);
}

uint64_t pt_get(uint32_t root, uint32_t va)
{
	uint64_t pde = pt_get_dir(root, va);

	if (!(pde & PTE_P) || (pde & PTE_PS))
		return 0;
	return get(frame(pde), table_index(va));
}

void pt_set(uint32_t root, uint32_t va, uint64_t entry, int notify)
{
	unsigned di;
	uint32_t dir = directory(root, va, &di);
	uint64_t pde = get(dir, di);

	if (!(pde & PTE_P) || (pde & PTE_PS)) {
		pde = pt_alloc_page() | PTE_P | PTE_W | PTE_U;
		put(dir, di, pde);
		if (notify)
			hcall(pae() ? HV_CALL_SET_PMD : HV_CALL_SET_PGD, root, va,
			      0, 0);
	}
	put(frame(pde), table_index(va), entry);
	if (notify)
		hcall(HV_CALL_SET_PTE, root, va, 0, 0);
}

void pt_set_dir(uint32_t root, uint32_t va, uint64_t entry, int notify)
{
	unsigned di;
	uint32_t dir = directory(root, va, &di);

	put(dir, di, entry);
	if (notify)
		hcall(pae() ? HV_CALL_SET_PMD : HV_CALL_SET_PGD, root, va, 0, 0);
}

void pt_map_large(uint32_t root, uint32_t va, uint32_t pa, uint64_t flags)
{
	pt_set_dir(root, va, pa | PTE_P | PTE_PS | flags, 1);
}

void pt_identity(uint32_t root, uint32_t start, uint32_t end, uint64_t flags)
{
	uint32_t va;

	for (va = start; va < end; va += PAGE_SIZE)
		pt_set(root, va, va | PTE_P | flags, 0);
}

void pt_switch(uint32_t root)
{
	hcall(HV_CALL_NEW_PGTABLE, root, 0, 0, 0);
}

void pt_flush(int all)
{
	hcall(HV_CALL_FLUSH_TLB, all ? HV_FLUSH_ALL : HV_FLUSH_USER, 0, 0, 0);
}
