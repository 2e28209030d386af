/*
 * Page-table entry formats (Intel SDM vol. 3, ch. 4).
 *
 * 2-level: 32-bit entries, 1024 per table; a directory entry covers 4 MiB.
 * PAE: 64-bit entries, 512 per table; a directory entry covers 2 MiB and a
 * page-directory-pointer-table (PDPT) entry 1 GiB. Only PAE has NX.
 */
#ifndef X86_PTE_H
#define X86_PTE_H

#define PTE_P           (1u << 0)   /* present */
#define PTE_W           (1u << 1)   /* writable */
#define PTE_U           (1u << 2)   /* user (ring 3) may access */
#define PTE_PWT         (1u << 3)   /* write-through */
#define PTE_PCD         (1u << 4)   /* cache disabled */
#define PTE_A           (1u << 5)   /* accessed */
#define PTE_D           (1u << 6)   /* dirty (leaf entries) */
#define PTE_PS          (1u << 7)   /* large page (directory entries) */
#define PTE_G           (1u << 8)   /* global (leaf entries, CR4.PGE) */
#define PTE_NX          (1ull << 63) /* no-execute (PAE with EFER.NXE) */

/* Flags a PDPT entry may carry; everything else there is reserved. */
#define PDPTE_ALLOWED   (PTE_P | PTE_PWT | PTE_PCD)

#define PT2_ENTRIES     1024u
#define PT2_ADDR_MASK   0xFFFFF000u
#define PT2_PDE_SHIFT   22          /* 4 MiB per directory entry */

#define PAE_ENTRIES     512u
#define PAE_PDPT_ENTRIES 4u
#define PAE_ADDR_MASK   0x000FFFFFFFFFF000ull  /* up to 52 physical bits */
#define PAE_PDPTE_SHIFT 30          /* 1 GiB per PDPT entry */
#define PAE_PDE_SHIFT   21          /* 2 MiB per directory entry */

#define PTE_INDEX_SHIFT 12

#endif
