/*
 * paging-spaces: more address spaces than the hypervisor caches, switched
 * in a cycle: each must always see its own mappings, whether its shadow
 * was kept or rebuilt. Kernel mappings (at or above kernel_address) are
 * the same in all of them.
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"

#define SPACES      7               /* more than the cache holds */
#define ROUNDS      5
#define WINDOW      0x40000000u
#define KERNEL_VA   0xC0000000u



int main(void)
{
	uint32_t root[SPACES], page[SPACES], shared = pt_alloc_page();
	int i, r, ok = 1;

	hv_self()->kernel_address = KERNEL_VA;
	*(volatile uint32_t *)shared = 0xC0FFEE;
	for (i = 0; i < SPACES; i++) {
		root[i] = pt_new_root();
		page[i] = pt_alloc_page();
		*(volatile uint32_t *)page[i] = 100 + i;
		pt_identity(root[i], 0x1000, hv_boot->mem_bytes, PTE_W);
		pt_set(root[i], WINDOW, page[i] | PTE_P | PTE_W, 0);
		pt_set(root[i], WINDOW + 0x1000 * (i + 1), page[i] | PTE_P, 0);
		pt_set(root[i], KERNEL_VA, shared | PTE_P | PTE_W, 0);
	}
	printf("page tables: %s, %d address spaces\n",
	       hv_pt_format == HV_PT_PAE ? "PAE" : "2-level", SPACES);
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < SPACES; i++) {
			pt_switch(root[i]);
			ok &= *(volatile uint32_t *)WINDOW == (uint32_t)(100 + i);
			ok &= *(volatile uint32_t *)(WINDOW + 0x1000 * (i + 1)) ==
			      (uint32_t)(100 + i);
			ok &= *(volatile uint32_t *)KERNEL_VA == 0xC0FFEE;
			*(volatile uint32_t *)WINDOW += 1000;
			*(volatile uint32_t *)WINDOW -= 1000;
		}
	check(ok, "every space sees its own pages in every round");
	/* A kernel mapping changed once is seen from every space. */
	*(volatile uint32_t *)page[0] = 0xBEEF;
	for (i = 0; i < SPACES; i++)
		pt_set(root[i], KERNEL_VA, page[0] | PTE_P | PTE_W, i == 0);
	ok = 1;
	for (i = 0; i < SPACES; i++) {
		pt_switch(root[i]);
		ok &= *(volatile uint32_t *)KERNEL_VA == 0xBEEF;
	}
	check(ok, "a kernel mapping change reaches every space");
	return check_summary();
}
