#include <x86/pte.h>
#include "hostpt.h"
#include "phys.h"

#define PT2_MAX_PA      (4ull * GiB)
#define PAE_MAX_PA      (1ull << 52)
#define TABLE_FLAGS     (PTE_P | PTE_W)

static hpa_t table_alloc(struct hostpt *pt)
{
	hpa_t pa = frame_quota_alloc(pt->frames);
	uint32_t *t;
	unsigned i;

	if (pa == FRAME_NONE)
		return FRAME_NONE;
	t = phys_direct(pa);
	for (i = 0; i < PAGE_SIZE / sizeof(*t); i++)
		t[i] = 0;
	pt->table_frames++;
	return pa;
}

static void table_free(struct hostpt *pt, hpa_t pa)
{
	frame_quota_free(pt->frames, pa);
	pt->table_frames--;
}

/* Every call that may change a leaf or a directory entry says so. */
static void note_change(struct hostpt *pt)
{
	pt->changes++;
	if (pt->owner_changes)
		++*pt->owner_changes;
}

uint64_t hostpt_make_pte(const struct hostpt *pt, hpa_t pa, unsigned flags)
{
	uint64_t e = pa | PTE_P;

	if (flags & HPT_WRITE)
		e |= PTE_W;
	if (flags & HPT_USER)
		e |= PTE_U;
	if (flags & HPT_NOCACHE)
		e |= PTE_PCD | PTE_PWT;
	if (pt->nx && !(flags & HPT_EXEC))
		e |= PTE_NX;
	return e;
}

bool hostpt_init(struct hostpt *pt, enum paging_mode mode, bool nx,
		 struct frame_quota *frames)
{
	unsigned i;

	*pt = (struct hostpt){ .mode = mode, .nx = nx && mode == PAGING_PAE,
			       .frames = frames };
	pt->root = table_alloc(pt);
	if (pt->root == FRAME_NONE)
		return false;
	if (mode == PAGING_PAE) {
		uint64_t *pdpt = phys_direct(pt->root);

		for (i = 0; i < PAE_PDPT_ENTRIES; i++) {
			hpa_t pd = table_alloc(pt);

			if (pd == FRAME_NONE) {
				hostpt_destroy(pt);
				return false;
			}
			pdpt[i] = pd | PTE_P;
		}
	}
	return true;
}

/* The directory entry covering va, as a pointer into its directory. */
static uint32_t *pde2(const struct hostpt *pt, uint32_t va)
{
	return (uint32_t *)phys_direct(pt->root) + (va >> PT2_PDE_SHIFT);
}

static uint64_t *pde_pae(const struct hostpt *pt, uint32_t va)
{
	uint64_t *pdpt = phys_direct(pt->root);
	uint64_t *pd = phys_direct(pdpt[va >> PAE_PDPTE_SHIFT] & PAE_ADDR_MASK);

	return pd + ((va >> PAE_PDE_SHIFT) & (PAE_ENTRIES - 1));
}

static unsigned pte_index(const struct hostpt *pt, uint32_t va)
{
	unsigned entries = pt->mode == PAGING_PAE ? PAE_ENTRIES : PT2_ENTRIES;

	return (va >> PTE_INDEX_SHIFT) & (entries - 1);
}

/* The page table under va's directory entry, or FRAME_NONE. */
static hpa_t table_of(const struct hostpt *pt, uint32_t va)
{
	if (pt->mode == PAGING_PAE) {
		uint64_t e = *pde_pae(pt, va);
		return (e & PTE_P) ? (e & PAE_ADDR_MASK) : FRAME_NONE;
	}
	uint32_t e = *pde2(pt, va);
	return (e & PTE_P) ? (e & PT2_ADDR_MASK) : FRAME_NONE;
}

static hpa_t table_get(struct hostpt *pt, uint32_t va)
{
	hpa_t table = table_of(pt, va);

	if (table != FRAME_NONE)
		return table;
	table = table_alloc(pt);
	if (table == FRAME_NONE)
		return FRAME_NONE;
	if (pt->mode == PAGING_PAE)
		*pde_pae(pt, va) = table | TABLE_FLAGS;
	else
		*pde2(pt, va) = (uint32_t)table | TABLE_FLAGS;
	return table;
}

void *hostpt_leaf(struct hostpt *pt, uint32_t va)
{
	hpa_t table = table_get(pt, va);

	note_change(pt);
	if (table == FRAME_NONE)
		return NULL;
	if (pt->mode == PAGING_PAE)
		return (uint64_t *)phys_direct(table) + pte_index(pt, va);
	return (uint32_t *)phys_direct(table) + pte_index(pt, va);
}

bool hostpt_map(struct hostpt *pt, uint32_t va, hpa_t pa, unsigned flags)
{
	hpa_t limit = pt->mode == PAGING_PAE ? PAE_MAX_PA : PT2_MAX_PA;
	uint64_t e = hostpt_make_pte(pt, pa, flags);
	void *leaf;

	note_change(pt);
	if (pa >= limit || (pa & (PAGE_SIZE - 1)))
		return false;
	leaf = hostpt_leaf(pt, va);
	if (!leaf)
		return false;
	/* User pages need the user bit on the directory entry as well. */
	if (flags & HPT_USER) {
		if (pt->mode == PAGING_PAE)
			*pde_pae(pt, va) |= PTE_U;
		else
			*pde2(pt, va) |= PTE_U;
	}
	if (pt->mode == PAGING_PAE)
		*(uint64_t *)leaf = e;
	else
		*(uint32_t *)leaf = (uint32_t)e;
	return true;
}

bool hostpt_map_range(struct hostpt *pt, uint32_t va, hpa_t pa, uint32_t len,
		      unsigned flags)
{
	uint32_t pages = (uint32_t)(((uint64_t)len + PAGE_SIZE - 1) >> PAGE_SHIFT);
	uint32_t i;

	for (i = 0; i < pages; i++)
		if (!hostpt_map(pt, va + i * PAGE_SIZE, pa + (hpa_t)i * PAGE_SIZE,
				flags))
			return false;
	return true;
}

void hostpt_unmap(struct hostpt *pt, uint32_t va)
{
	hpa_t table = table_of(pt, va);

	note_change(pt);
	if (table == FRAME_NONE)
		return;
	if (pt->mode == PAGING_PAE)
		((uint64_t *)phys_direct(table))[pte_index(pt, va)] = 0;
	else
		((uint32_t *)phys_direct(table))[pte_index(pt, va)] = 0;
}

uint64_t hostpt_entry(const struct hostpt *pt, uint32_t va)
{
	hpa_t table = table_of(pt, va);

	if (table == FRAME_NONE)
		return 0;
	if (pt->mode == PAGING_PAE)
		return ((uint64_t *)phys_direct(table))[pte_index(pt, va)];
	return ((uint32_t *)phys_direct(table))[pte_index(pt, va)];
}

static uint32_t dir_span(const struct hostpt *pt)
{
	return pt->mode == PAGING_PAE ? 1u << PAE_PDE_SHIFT : 1u << PT2_PDE_SHIFT;
}

static void clear_pde(struct hostpt *pt, uint32_t va)
{
	if (pt->mode == PAGING_PAE)
		*pde_pae(pt, va) = 0;
	else
		*pde2(pt, va) = 0;
}

void hostpt_clear_range(struct hostpt *pt, uint32_t lo, uint64_t end)
{
	uint64_t va = lo;
	uint32_t span = dir_span(pt);

	note_change(pt);
	while (va < end) {
		uint64_t dir_start = va & ~(uint64_t)(span - 1);
		uint64_t dir_end = dir_start + span;
		hpa_t table = table_of(pt, (uint32_t)va);

		if (table == FRAME_NONE) {
			va = dir_end;
		} else if (va == dir_start && end >= dir_end) {
			clear_pde(pt, (uint32_t)va);
			table_free(pt, table);
			va = dir_end;
		} else {
			for (; va < MIN(end, dir_end); va += PAGE_SIZE)
				hostpt_unmap(pt, (uint32_t)va);
		}
	}
}

void hostpt_for_each(const struct hostpt *pt, uint32_t lo, uint64_t end,
		     hostpt_leaf_fn fn, void *ctx)
{
	uint64_t va = lo;
	uint32_t span = dir_span(pt);

	while (va < end) {
		uint64_t dir_end = (va & ~(uint64_t)(span - 1)) + span;

		if (table_of(pt, (uint32_t)va) == FRAME_NONE) {
			va = dir_end;
			continue;
		}
		for (; va < MIN(end, dir_end); va += PAGE_SIZE) {
			uint64_t e = hostpt_entry(pt, (uint32_t)va);

			if ((e & PTE_P) && !fn(ctx, (uint32_t)va, e))
				return;
		}
	}
}

void hostpt_set_foreign_table(struct hostpt *pt, uint32_t va, hpa_t table)
{
	uint64_t e = table == FRAME_NONE ? 0 : table | TABLE_FLAGS;

	note_change(pt);
	if (pt->mode == PAGING_PAE)
		*pde_pae(pt, va) = e;
	else
		*pde2(pt, va) = (uint32_t)e;
}

static void free_tables_2level(struct hostpt *pt)
{
	uint32_t *pd = phys_direct(pt->root);
	unsigned i;

	for (i = 0; i < PT2_ENTRIES; i++)
		if (pd[i] & PTE_P)
			table_free(pt, pd[i] & PT2_ADDR_MASK);
}

static void free_tables_pae(struct hostpt *pt)
{
	uint64_t *pdpt = phys_direct(pt->root);
	unsigned i, j;

	for (i = 0; i < PAE_PDPT_ENTRIES; i++) {
		uint64_t *pd;

		if (!(pdpt[i] & PTE_P))
			continue;
		pd = phys_direct(pdpt[i] & PAE_ADDR_MASK);
		for (j = 0; j < PAE_ENTRIES; j++)
			if (pd[j] & PTE_P)
				table_free(pt, pd[j] & PAE_ADDR_MASK);
		table_free(pt, pdpt[i] & PAE_ADDR_MASK);
	}
}

void hostpt_destroy(struct hostpt *pt)
{
	note_change(pt);
	if (pt->root == FRAME_NONE)
		return;
	if (pt->mode == PAGING_PAE)
		free_tables_pae(pt);
	else
		free_tables_2level(pt);
	table_free(pt, pt->root);
	pt->root = FRAME_NONE;
}
