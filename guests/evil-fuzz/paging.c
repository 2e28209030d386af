/*
 * Page tables of the guest's own, for guests started with "paging": a few
 * top-level tables that all map guest memory one to one (some with small
 * pages, some with large ones), so that NEW_PGTABLE can switch between
 * them at random and SET_PTE, SET_PGD, SET_PMD and FLUSH_TLB have real
 * tables behind them. More tables than the hypervisor caches address
 * spaces, so switching also evicts. Every table maps the same, which is
 * what kernel_address (the shared page) may then claim of any address.
 */
#include <paging.h>
#include "fuzz.h"

#define ROOTS   6

static uint32_t roots[ROOTS];

static void map_large(uint32_t root)
{
	uint32_t va, size = pt_large_size();

	for (va = 0; va < fuzz.mem; va += size)
		pt_map_large(root, va, va, PTE_W);
}

void paging_init(void)
{
	unsigned i;

	for (i = 0; i < ROOTS; i++) {
		roots[i] = pt_new_root();
		if (i % 2)
			map_large(roots[i]);
		else
			pt_identity(roots[i], 0, fuzz.mem, PTE_W);
	}
	pt_switch(roots[0]);
}

uint32_t paging_root(void)
{
	return roots[below(ROOTS)];
}
