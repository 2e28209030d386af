/*
 * The hypervisor's own page tables, in either format:
 *
 *   2-level  CR3 -> page directory (1024 x 32-bit) -> page tables (1024 x 32-bit)
 *   PAE      CR3 -> PDPT (4 x 64-bit) -> 4 directories -> page tables (512 x 64-bit)
 *
 * On PAE all four directories exist from the start: the CPU caches the PDPT
 * entries when CR3 is loaded, so they never change afterwards. Only 4 KiB
 * pages are used. Table frames are direct frames from the quota the
 * structure is given (mm/frame_quota.h).
 */
#ifndef MM_HOSTPT_H
#define MM_HOSTPT_H

#include <types.h>
#include "frame_quota.h"

enum paging_mode {
	PAGING_2LEVEL,
	PAGING_PAE,
};

/* Mode-neutral page permissions. */
#define HPT_WRITE       (1u << 0)
#define HPT_EXEC        (1u << 1)
#define HPT_USER        (1u << 2)
#define HPT_NOCACHE     (1u << 3)   /* device memory */

struct hostpt {
	enum paging_mode mode;
	bool nx;                    /* PAE with EFER.NXE: honour !HPT_EXEC */
	hpa_t root;                 /* what CR3 holds */
	struct frame_quota *frames;
	unsigned table_frames;      /* frames this structure owns */
	uint32_t changes;           /* counts every call that may change an entry */
	uint64_t *owner_changes;    /* NULL, or a count its owner keeps for several */
};

/* An empty structure; false when the quota cannot hold its top tables. */
bool hostpt_init(struct hostpt *pt, enum paging_mode mode, bool nx,
		 struct frame_quota *frames);

/*
 * Maps one page. False when pa is out of the format's reach or a page
 * table is needed and the quota has no frame left.
 */
bool hostpt_map(struct hostpt *pt, uint32_t va, hpa_t pa, unsigned flags);

/* Maps [va, va + len) to [pa, pa + len), page by page. */
bool hostpt_map_range(struct hostpt *pt, uint32_t va, hpa_t pa, uint32_t len,
		      unsigned flags);

void hostpt_unmap(struct hostpt *pt, uint32_t va);

/* The leaf entry for va, as the CPU sees it; 0 when nothing maps va. */
uint64_t hostpt_entry(const struct hostpt *pt, uint32_t va);

/*
 * A pointer to the leaf entry for va (uint32_t * or uint64_t * by mode),
 * creating the table if needed: for code that rewrites one entry often.
 */
void *hostpt_leaf(struct hostpt *pt, uint32_t va);

/* Builds a leaf entry in this table's format. */
uint64_t hostpt_make_pte(const struct hostpt *pt, hpa_t pa, unsigned flags);

/*
 * Points va's directory entry at a table this structure does not own (the
 * switcher's), or clears it with FRAME_NONE; the table is never freed here.
 */
void hostpt_set_foreign_table(struct hostpt *pt, uint32_t va, hpa_t table);

/*
 * Unmaps [lo, end) (page-aligned; end up to 1 << 32), freeing page tables
 * that lie wholly inside. Callers flush the TLB.
 */
void hostpt_clear_range(struct hostpt *pt, uint32_t lo, uint64_t end);

/* Calls fn for every present leaf in [lo, end); stops when fn returns false. */
typedef bool (*hostpt_leaf_fn)(void *ctx, uint32_t va, uint64_t pte);
void hostpt_for_each(const struct hostpt *pt, uint32_t lo, uint64_t end,
		     hostpt_leaf_fn fn, void *ctx);

/* Returns every table frame to the allocator. */
void hostpt_destroy(struct hostpt *pt);

#endif
