/*
 * paging-basic: the guest builds its own page tables (2-level, or PAE with
 * pt=pae) and switches to them; maps, remaps and unmaps pages with and
 * without the flush call and checks that reads see the new mapping; checks
 * the accessed and dirty bits as the hypervisor sets them; switches back
 * and forth between two address spaces; uses a large page.
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"

#define WINDOW      0x40000000u     /* where test mappings go */
#define KERNEL_VA   0xC0000000u     /* kernel alias: shared by every space */



static volatile uint32_t *at(uint32_t va)
{
	return (volatile uint32_t *)va;
}

/* A space mapping all of guest memory one to one, plus the kernel alias. */
static uint32_t new_space(void)
{
	uint32_t root = pt_new_root();

	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_set(root, KERNEL_VA, 0x1000 | PTE_P | PTE_W, 0);
	return root;
}

static uint32_t page_with(uint32_t value)
{
	uint32_t pa = pt_alloc_page();

	*at(pa) = value;
	return pa;
}

static void test_switch(uint32_t root)
{
	pt_switch(root);
	check(*at((uint32_t)&check_failures) == check_failures,
	      "switched to own tables, code and data still reachable");
}

static void test_map_remap_unmap(uint32_t root)
{
	uint32_t a = page_with(0xAAAA0001), b = page_with(0xBBBB0002);

	pt_map(root, WINDOW, a, PTE_W);
	check(*at(WINDOW) == 0xAAAA0001, "map: read sees the new page");
	pt_map(root, WINDOW, b, PTE_W);
	check(*at(WINDOW) == 0xBBBB0002, "remap with SET_PTE: read sees the new page");
	pt_set(root, WINDOW, a | PTE_P | PTE_W, 0);
	pt_flush(0);
	check(*at(WINDOW) == 0xAAAA0001, "remap then flush: read sees the new page");
	*at(WINDOW) = 0x12345678;
	check(*at(a) == 0x12345678, "a write through the mapping reaches the frame");
}

static void test_accessed_dirty(uint32_t root)
{
	uint32_t pa = page_with(7);
	volatile uint32_t v;

	pt_map(root, WINDOW + 0x1000, pa, PTE_W);
	check(!(pt_get(root, WINDOW + 0x1000) & (PTE_A | PTE_D)),
	      "fresh entry: neither accessed nor dirty");
	v = *at(WINDOW + 0x1000);
	(void)v;
	check((pt_get(root, WINDOW + 0x1000) & (PTE_A | PTE_D)) == PTE_A,
	      "after a read: accessed, not dirty");
	*at(WINDOW + 0x1000) = 8;
	check((pt_get(root, WINDOW + 0x1000) & (PTE_A | PTE_D)) == (PTE_A | PTE_D),
	      "after a write: accessed and dirty");
	check(*at(pa) == 8, "the write landed");
}

static void test_prefilled(uint32_t root)
{
	uint32_t pa = page_with(0x5151);

	/* Already accessed and dirty: the hypervisor maps it at SET_PTE. */
	pt_map(root, WINDOW + 0x2000, pa, PTE_W | PTE_A | PTE_D);
	check(*at(WINDOW + 0x2000) == 0x5151, "entry set accessed and dirty: readable");
	*at(WINDOW + 0x2000) = 0x5252;
	check(*at(pa) == 0x5252, "and writable");
}

static void test_two_spaces(uint32_t one)
{
	uint32_t two = new_space(), p1 = page_with(1), p2 = page_with(2);
	int i, ok = 1;

	pt_map(one, WINDOW + 0x3000, p1, PTE_W);
	pt_set(two, WINDOW + 0x3000, p2 | PTE_P | PTE_W, 0);
	for (i = 0; i < 20; i++) {
		pt_switch(i % 2 ? two : one);
		ok &= *at(WINDOW + 0x3000) == (uint32_t)(i % 2 ? 2 : 1);
	}
	pt_switch(one);
	check(ok, "two address spaces, switched 20 times: each sees its own page");
	/* A kernel mapping changed in one space is seen in the other. */
	pt_map(one, KERNEL_VA, p1, PTE_W);
	pt_set(two, KERNEL_VA, p1 | PTE_P | PTE_W, 0);
	pt_switch(two);
	check(*at(KERNEL_VA) == 1, "kernel mapping updated in every space");
	pt_switch(one);
}

static void test_large_page(uint32_t root)
{
	uint32_t size = pt_large_size(), va = 0x80000000u;

	/* Guest memory from 0 as one large page; offsets inside must match. */
	pt_map_large(root, va, 0, PTE_W);
	check(*at(va + (uint32_t)&check_failures) == check_failures,
	      "large page: an address inside maps the right frame");
	check(*at(va + size - 4096) == *at(size - 4096),
	      "large page: its last 4 KiB page too");
}

static void test_unmap(uint32_t root)
{
	pt_unmap(root, WINDOW);
	check(pt_get(root, WINDOW) == 0, "unmap: entry cleared");
}

int main(void)
{
	uint32_t root;

	hv_self()->kernel_address = KERNEL_VA;
	root = new_space();
	printf("page tables: %s\n", hv_pt_format == HV_PT_PAE ? "PAE" : "2-level");
	test_switch(root);
	test_map_remap_unmap(root);
	test_accessed_dirty(root);
	test_prefilled(root);
	test_two_spaces(root);
	test_large_page(root);
	test_unmap(root);
	return check_summary();
}
