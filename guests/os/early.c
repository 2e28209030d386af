/*
 * Everything here runs before the kernel's addresses are mapped, so it
 * uses only what this file holds (os.ld places its text, data and bss at
 * their physical addresses): no call out, no string constant elsewhere.
 */
#include <abi.h>
#include <multiboot2.h>
#include <x86/cr.h>
#include <x86/io.h>
#include <x86/pte.h>
#include "early.h"

#define BOOT_FLAGS      (PTE_P | PTE_W)
#define PT2_TABLES      (BOOT_MAP_SIZE >> PT2_PDE_SHIFT)
#define PAE_TABLES      (BOOT_MAP_SIZE >> PAE_PDE_SHIFT)
#define KERNEL_PDPTE    (KERNEL_BASE >> PAE_PDPTE_SHIFT)

static struct early_info info;

/* The boot tables: a directory (2-level) or a PDPT and two directories
 * (PAE), and page tables for BOOT_MAP_SIZE, used by both halves. */
static uint32_t pd2[PT2_ENTRIES] ALIGNED(PAGE_SIZE);
static uint32_t pt2[PT2_TABLES][PT2_ENTRIES] ALIGNED(PAGE_SIZE);
static uint64_t pdpt[PAE_PDPT_ENTRIES] ALIGNED(32);
static uint64_t pae_pd[2][PAE_ENTRIES] ALIGNED(PAGE_SIZE);
static uint64_t pae_pt[PAE_TABLES][PAE_ENTRIES] ALIGNED(PAGE_SIZE);

/* Whether the command line s has the word pt=pae (as paging_format()
 * reads it later, which this stage cannot call). */
static bool wants_pae(const char *s)
{
	static const char word[] = "pt=pae";

	while (*s) {
		unsigned i = 0;

		while (*s == ' ')
			s++;
		while (word[i] && s[i] == word[i])
			i++;
		if (!word[i] && (s[i] == ' ' || !s[i]))
			return true;
		while (*s && *s != ' ')
			s++;
	}
	return false;
}

/* Copies the multiboot2 information; returns its command line, or "". */
static const char *keep_mbi(uint32_t mbi_pa)
{
	static const char none[] = "";
	const uint8_t *mbi = (const uint8_t *)(uintptr_t)mbi_pa;
	uint32_t size = *(const uint32_t *)mbi, off, i;

	if (size > EARLY_MBI_SIZE)
		return none;
	for (i = 0; i < size; i++)
		info.mbi[i] = mbi[i];
	info.mbi_size = size;
	for (off = 8; off + 8 <= size;) {
		const struct mb2_tag *t = (const void *)(info.mbi + off);

		if (t->type == MB2_TAG_END || t->size < 8)
			break;
		if (t->type == MB2_TAG_CMDLINE)
			return (const char *)(t + 1);
		off += (t->size + MB2_TAG_ALIGN - 1) & ~(MB2_TAG_ALIGN - 1);
	}
	return none;
}

static void build_2level(void)
{
	unsigned t, i;

	for (t = 0; t < PT2_TABLES; t++) {
		for (i = 0; i < PT2_ENTRIES; i++)
			pt2[t][i] = ((t * PT2_ENTRIES + i) << PTE_INDEX_SHIFT) |
				    BOOT_FLAGS;
		pd2[t] = (uint32_t)(uintptr_t)pt2[t] | BOOT_FLAGS;
		pd2[(KERNEL_BASE >> PT2_PDE_SHIFT) + t] = pd2[t];
	}
}

static void build_pae(void)
{
	unsigned t, i;

	for (t = 0; t < PAE_TABLES; t++) {
		for (i = 0; i < PAE_ENTRIES; i++)
			pae_pt[t][i] = ((uint64_t)(t * PAE_ENTRIES + i) <<
					PTE_INDEX_SHIFT) | BOOT_FLAGS;
		pae_pd[0][t] = (uint32_t)(uintptr_t)pae_pt[t] | BOOT_FLAGS;
		pae_pd[1][t] = pae_pd[0][t];
	}
	pdpt[0] = (uint32_t)(uintptr_t)pae_pd[0] | PTE_P;
	pdpt[KERNEL_PDPTE] = (uint32_t)(uintptr_t)pae_pd[1] | PTE_P;
}

/* Under the hypervisor: register, naming the format, then the tables. */
static void start_hv(uint32_t root, uint32_t shared_pa)
{
	struct hv_shared *shared = (struct hv_shared *)(uintptr_t)shared_pa;

	shared->kernel_address = KERNEL_BASE;
	hcall(HV_CALL_REGISTER, shared_pa, info.format, 0, 0);
	hcall(HV_CALL_NEW_PGTABLE, root, 0, 0, 0);
}

static void start_native(uint32_t root)
{
	if (info.format == HV_PT_PAE)
		write_cr4(read_cr4() | CR4_PAE);
	write_cr3(root);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

extern struct hv_shared os_hv_shared;

uint32_t early_main(uint32_t magic, uint32_t mbi_pa, uint32_t boot_info_gpa)
{
	const char *cmdline;
	uint32_t root;

	info.magic = magic;
	info.boot_info_gpa = boot_info_gpa;
	if (magic == HV_GUEST_MAGIC)
		cmdline = ((const struct hv_boot_info *)(uintptr_t)boot_info_gpa)->cmdline;
	else
		cmdline = keep_mbi(mbi_pa);
	info.format = wants_pae(cmdline) ? HV_PT_PAE : HV_PT_2LEVEL;
	if (info.format == HV_PT_PAE) {
		build_pae();
		root = (uint32_t)(uintptr_t)pdpt;
	} else {
		build_2level();
		root = (uint32_t)(uintptr_t)pd2;
	}
	if (magic == HV_GUEST_MAGIC)
		start_hv(root, V2P(&os_hv_shared));
	else
		start_native(root);
	return (uint32_t)(uintptr_t)&info;
}
