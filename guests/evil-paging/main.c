/*
 * evil-paging: page tables that break the rules, one case per run (the
 * first argument). Each must get this guest killed with a clear reason,
 * while any other guest runs on.
 *   pte-past        a page-table entry pointing past guest memory
 *   pde-past        a directory entry pointing past guest memory
 *   large-past      a large page reaching past guest memory
 *   pdpte-past      (PAE) a PDPT entry pointing past guest memory
 *   pdpte-reserved  (PAE) a PDPT entry with a reserved bit set
 *   root-outside    a top-level table outside guest memory
 *   map-switcher    mapping a page in the switcher's reserve
 *   kernel-high     a kernel address at or above the switcher
 *   kernel-high-cached  the same, then loading a table whose shadow is
 *                   cached (the switcher's fast switch must not take it)
 */
#include <stdio.h>
#include <string.h>
#include "hv.h"
#include "paging.h"

#define WINDOW      0x40000000u

static uint32_t space(void)
{
	uint32_t root = pt_new_root();

	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
	return root;
}

static void touch(uint32_t va)
{
	(void)*(volatile uint32_t *)va;
}

/* Writes a raw directory entry for va (PAE: in the first directory). */
static void set_dir(uint32_t root, uint32_t va, uint64_t e)
{
	if (hv_pt_format == HV_PT_PAE) {
		volatile uint64_t *pdpt = (volatile uint64_t *)root;
		uint32_t dir = (uint32_t)(pdpt[va >> PAE_PDPTE_SHIFT] & PAE_ADDR_MASK);
		unsigned i = (va >> PAE_PDE_SHIFT) & (PAE_ENTRIES - 1);

		((volatile uint64_t *)dir)[i] = e;
		hcall(HV_CALL_SET_PMD, root, va, 0, 0);
	} else {
		((volatile uint32_t *)root)[va >> PT2_PDE_SHIFT] = (uint32_t)e;
		hcall(HV_CALL_SET_PGD, root, va, 0, 0);
	}
}

static void run_case(const char *c)
{
	uint32_t past = hv_boot->mem_bytes + 0x100000, root = space();

	printf("case %s\n", c);
	if (!strcmp(c, "root-outside")) {
		pt_switch(past);
	} else if (!strcmp(c, "kernel-high")) {
		hv_self()->kernel_address = hv_boot->reserve_top;
		pt_switch(root);
	} else if (!strcmp(c, "kernel-high-cached")) {
		uint32_t other = space();

		pt_switch(root);
		pt_switch(other);
		hv_self()->kernel_address = hv_boot->reserve_top;
		pt_switch(root);
		printf("still running after the switch\n");
	} else if (!strcmp(c, "pdpte-past")) {
		((volatile uint64_t *)root)[1] = past | PTE_P;
		pt_switch(root);
	} else if (!strcmp(c, "pdpte-reserved")) {
		((volatile uint64_t *)root)[1] |= PTE_W;     /* reserved in a PDPTE */
		pt_switch(root);
	} else {
		pt_switch(root);
		if (!strcmp(c, "pte-past")) {
			pt_map(root, WINDOW, past, PTE_W);
		} else if (!strcmp(c, "pde-past")) {
			set_dir(root, WINDOW, past | PTE_P | PTE_W);
		} else if (!strcmp(c, "large-past")) {
			set_dir(root, WINDOW, (hv_boot->mem_bytes & ~(pt_large_size() - 1)) |
				PTE_P | PTE_W | PTE_PS);
		} else if (!strcmp(c, "map-switcher")) {
			pt_map(root, hv_boot->reserve_top, 0x1000, PTE_W);
		}
		touch(WINDOW);
	}
	printf("case %s: still running, which is wrong\n", c);
}

int main(int argc, char **argv)
{
	const char *c = hv_arg(argc, argv, "case");

	if (c)
		run_case(c);
	else
		printf("no case= argument\n");
	return 1;
}
