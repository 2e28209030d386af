/*
 * shadow-flood: asks for far more shadow page tables than its quota holds,
 * as a hostile guest would to exhaust the hypervisor's memory. Every
 * directory entry from FLOOD_LO to the kernel address, in each of several
 * address spaces, points at one shared page table; touching one page per
 * directory entry makes the hypervisor build a shadow table for each.
 * The hypervisor must keep the guest within its quota by dropping the
 * guest's own shadows, and every read must still see the frame the
 * guest's tables map there. Between rounds the shared table is rotated
 * (and the TLB flushed), so that a stale shadow would read a wrong tag.
 *
 *   spaces=N   address spaces (default 4, at most MAX_SPACES)
 *   rounds=N   passes over all of them (default 2)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <types.h>
#include "hv.h"
#include "paging.h"

#define MAX_SPACES  8
#define FLOOD_LO    0x01000000u
#define KERNEL_VA   0xC0000000u
#define TAGS        64u                 /* pages in the tagged buffer */
#define TAG(k)      (0x7A600000u | (k))

static uint8_t buf[TAGS][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static uint32_t arg(int argc, char **argv, const char *key, uint32_t fallback)
{
	size_t n = strlen(key);
	int i;

	for (i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, n) && argv[i][n] == '=')
			return strtoul(argv[i] + n + 1, NULL, 0);
	return fallback;
}

/* Points table's entry j at buffer page (j + round) % TAGS. */
static void rotate(uint32_t table, unsigned round)
{
	unsigned j, entries = hv_pt_format == HV_PT_PAE ? PAE_ENTRIES : PT2_ENTRIES;

	for (j = 0; j < entries; j++) {
		uint32_t pa = (uint32_t)buf[(j + round) % TAGS];

		if (hv_pt_format == HV_PT_PAE)
			((volatile uint64_t *)table)[j] = pa | PTE_P;
		else
			((volatile uint32_t *)table)[j] = pa | PTE_P;
	}
}

/* One read per directory entry; returns how many saw the wrong tag. */
static unsigned sweep(uint32_t span, unsigned round)
{
	unsigned wrong = 0, i = 0;
	uint32_t va;

	for (va = FLOOD_LO; va < KERNEL_VA; va += span, i++) {
		unsigned j = i % TAGS;
		uint32_t got = *(volatile uint32_t *)(va + j * PAGE_SIZE);

		if (got != TAG((j + round) % TAGS) && wrong++ < 3)
			printf("FAIL 0x%08x: 0x%08x\n", va + j * PAGE_SIZE, got);
	}
	return wrong;
}

int main(int argc, char **argv)
{
	unsigned spaces = arg(argc, argv, "spaces", 4);
	unsigned rounds = arg(argc, argv, "rounds", 2);
	uint32_t root[MAX_SPACES], table = pt_alloc_page(), span = pt_large_size();
	unsigned s, r, k, wrong = 0;
	uint32_t va;

	if (spaces < 1 || spaces > MAX_SPACES) {
		printf("spaces=%u: 1 to %u\n", spaces, MAX_SPACES);
		return 1;
	}
	hv_self()->kernel_address = KERNEL_VA;
	for (k = 0; k < TAGS; k++)
		*(volatile uint32_t *)buf[k] = TAG(k);
	rotate(table, 0);
	for (s = 0; s < spaces; s++) {
		root[s] = pt_new_root();
		pt_identity(root[s], 0x1000, hv_boot->mem_bytes, PTE_W);
		for (va = FLOOD_LO; va < KERNEL_VA; va += span)
			pt_set_dir(root[s], va, table | PTE_P | PTE_W, 0);
	}
	printf("%u address spaces, %u directory entries each, %u rounds\n",
	       spaces, (KERNEL_VA - FLOOD_LO) / span, rounds);
	for (r = 0; r < rounds; r++) {
		rotate(table, r);
		pt_flush(1);
		for (s = 0; s < spaces; s++) {
			pt_switch(root[s]);
			wrong += sweep(span, r);
		}
	}
	check(wrong == 0, "every read saw the frame its tables map");
	return check_summary();
}
