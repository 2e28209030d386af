/* Building and changing guest page tables in either format. */
#include <string.h>
#include "hv.h"
#include "paging.h"

#define POOL_PAGES      192
#define ADDR_2LEVEL     0xFFFFF000u
#define ADDR_PAE        0x000FFFFFFFFFF000ull

uint32_t hv_pt_format = HV_PT_2LEVEL;

static uint8_t pool[POOL_PAGES][4096] __attribute__((aligned(4096)));
static unsigned pool_used;

uint32_t pt_alloc_page(void)
{
	if (pool_used == POOL_PAGES)
		hv_crash("page-table pool exhausted");
	memset(pool[pool_used], 0, 4096);
	return (uint32_t)pool[pool_used++];
}

static int pae(void)
{
	return hv_pt_format == HV_PT_PAE;
}

uint32_t pt_large_size(void)
{
	return pae() ? 2u << 20 : 4u << 20;
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
	return (uint32_t)(e & (pae() ? ADDR_PAE : ADDR_2LEVEL));
}

uint32_t pt_new_root(void)
{
	uint32_t root = pt_alloc_page();
	unsigned i;

	if (pae())
		for (i = 0; i < 4; i++)
			put(root, i, pt_alloc_page() | PT_P);
	return root;
}

/* The directory holding va's entry, and that entry's index. */
static uint32_t directory(uint32_t root, uint32_t va, unsigned *index)
{
	if (!pae()) {
		*index = va >> 22;
		return root;
	}
	*index = (va >> 21) & 511;
	return frame(get(root, va >> 30));
}

static unsigned table_index(uint32_t va)
{
	return pae() ? (va >> 12) & 511 : (va >> 12) & 1023;
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

	if (!(pde & PT_P) || (pde & PT_PS))
		return 0;
	return get(frame(pde), table_index(va));
}

void pt_set(uint32_t root, uint32_t va, uint64_t entry, int notify)
{
	unsigned di;
	uint32_t dir = directory(root, va, &di);
	uint64_t pde = get(dir, di);

	if (!(pde & PT_P) || (pde & PT_PS)) {
		pde = pt_alloc_page() | PT_P | PT_W | PT_U;
		put(dir, di, pde);
		if (notify)
			hcall(pae() ? HV_CALL_SET_PMD : HV_CALL_SET_PGD, root, va,
			      0, 0);
	}
	put(frame(pde), table_index(va), entry);
	if (notify)
		hcall(HV_CALL_SET_PTE, root, va, 0, 0);
}

void pt_map_large(uint32_t root, uint32_t va, uint32_t pa, uint64_t flags)
{
	unsigned di;
	uint32_t dir = directory(root, va, &di);

	put(dir, di, pa | PT_P | PT_PS | flags);
	hcall(pae() ? HV_CALL_SET_PMD : HV_CALL_SET_PGD, root, va, 0, 0);
}

void pt_identity(uint32_t root, uint32_t start, uint32_t end, uint64_t flags)
{
	uint32_t va;

	for (va = start; va < end; va += 4096)
		pt_set(root, va, va | PT_P | flags, 0);
}

void pt_switch(uint32_t root)
{
	hcall(HV_CALL_NEW_PGTABLE, root, 0, 0, 0);
}

void pt_flush(int all)
{
	hcall(HV_CALL_FLUSH_TLB, all ? HV_FLUSH_ALL : HV_FLUSH_USER, 0, 0, 0);
}
