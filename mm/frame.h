/*
 * The physical frame allocator: a bitmap with one bit per 4 KiB frame from
 * address 0 to the top of usable memory, set when the frame is free.
 *
 * Two zones share it. Direct frames lie in the hypervisor's direct map and
 * hold its own structures (page tables, per-guest state). Any frame may
 * also be high memory, even above 4 GiB on a PAE host: guest memory comes
 * from there first, so that the direct zone lasts.
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <types.h>
#include <lib/spinlock.h>
#include "memrange.h"

#define FRAME_NONE  (~(hpa_t)0)

enum frame_zone {
	FRAME_DIRECT,       /* below the direct-map limit; lowest first */
	FRAME_ANY,          /* anywhere; highest first */
};

struct frame_pool {
	uint32_t *bitmap;
	uint64_t nframes;           /* frames the bitmap covers */
	uint64_t direct_frames;     /* frames below the direct-map limit */
	uint64_t total, free, free_direct;
	uint64_t low_word, high_word;   /* where the next searches start */
	hpa_t bitmap_pa;
	struct spinlock lock;       /* frame_alloc and frame_free hold it */
};

/*
 * Builds the pool from the usable ranges, taking the bitmap itself out of
 * the first direct range with room. False when no range can hold it.
 */
bool frame_pool_init(struct frame_pool *pool, const struct mem_ranges *usable,
		     hpa_t direct_limit);

/* A frame of the zone, or FRAME_NONE. Any CPU may call it (and free). */
hpa_t frame_alloc(struct frame_pool *pool, enum frame_zone zone);

/* False (and nothing changed) if pa is not an allocated frame of the pool. */
bool frame_free(struct frame_pool *pool, hpa_t pa);

bool frame_is_free(const struct frame_pool *pool, hpa_t pa);

#endif
