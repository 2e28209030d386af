/*
 * Page tables for guests, in the format the guest registered with
 * (hv_pt_format: "pt=pae" on the command line chooses PAE, "pt=2level" or
 * none 2-level). Tables live in a pool of pages inside the image, which
 * the guest maps one to one, so a table's guest-physical address is also
 * where the guest writes it. Entries are uint64_t in either format, with
 * the bits of x86/pte.h (PTE_P, PTE_W, ...; PTE_NX only means something
 * in PAE tables).
 */
#ifndef GUEST_PAGING_H
#define GUEST_PAGING_H

#include <stdint.h>
#include <x86/pte.h>

extern uint32_t hv_pt_format;       /* HV_PT_2LEVEL or HV_PT_PAE */

/* A new, empty top-level table (PAE: a PDPT with its four directories). */
uint32_t pt_new_root(void);

/* The leaf entry for va under root, or 0. */
uint64_t pt_get(uint32_t root, uint32_t va);

/*
 * Writes the leaf entry for va (entry: frame | PTE_* bits, 0 to unmap),
 * creating the page table if needed; with notify, tells the hypervisor.
 */
void pt_set(uint32_t root, uint32_t va, uint64_t entry, int notify);

static inline void pt_map(uint32_t root, uint32_t va, uint32_t pa,
			  uint64_t flags)
{
	pt_set(root, va, pa | PTE_P | flags, 1);
}

static inline void pt_unmap(uint32_t root, uint32_t va)
{
	pt_set(root, va, 0, 1);
}

/* Maps a large page (4 MiB 2-level, 2 MiB PAE) with a directory entry. */
void pt_map_large(uint32_t root, uint32_t va, uint32_t pa, uint64_t flags);
uint32_t pt_large_size(void);

/* The raw directory entry covering va (PAE: in the PDPT entry's directory). */
uint64_t pt_get_dir(uint32_t root, uint32_t va);

/*
 * Writes that directory entry (a page table's address | PTE_* bits, or 0);
 * with notify, tells the hypervisor.
 */
void pt_set_dir(uint32_t root, uint32_t va, uint64_t entry, int notify);

/* Maps [start, end) one to one, without notifying (for tables not in use). */
void pt_identity(uint32_t root, uint32_t start, uint32_t end, uint64_t flags);

/* Loads root (NEW_PGTABLE); flushes the TLB (FLUSH_TLB). */
void pt_switch(uint32_t root);
void pt_flush(int all);

/* A zeroed page from the table pool (also usable as data). */
uint32_t pt_alloc_page(void);

#endif
