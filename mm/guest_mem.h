/*
 * A guest's physical memory: guest frame numbers map to host frames through
 * a table (the "p2m" of Xen's PV MMU), so the memory need not be contiguous
 * and may lie above 4 GiB on a PAE host. Every guest-physical address is
 * checked against the guest's size before it is translated.
 */
#ifndef MM_GUEST_MEM_H
#define MM_GUEST_MEM_H

#include <types.h>
#include "frame.h"

#define GUEST_MEM_MAX       (1u << 30)      /* 1 GiB per guest */
#define P2M_PER_PAGE        (PAGE_SIZE / sizeof(hpa_t))
#define P2M_PAGES           ((GUEST_MEM_MAX >> PAGE_SHIFT) / P2M_PER_PAGE)

struct guest_mem {
	uint32_t bytes;
	uint32_t nframes;
	hpa_t p2m_pages[P2M_PAGES];     /* direct frames of hpa_t entries */
	unsigned frames_owned;          /* guest frames plus p2m pages */
	uint32_t frames_high;           /* guest frames above 4 GiB */
};

/* Allocates and zeroes bytes of memory; on failure nothing is kept. */
bool guest_mem_alloc(struct guest_mem *m, uint32_t bytes,
		     struct frame_pool *pool);

/* Returns every frame to the pool. */
void guest_mem_free(struct guest_mem *m, struct frame_pool *pool);

/* The host frame behind gpa's page, or FRAME_NONE beyond the guest. */
hpa_t guest_mem_hpa(const struct guest_mem *m, gpa_t gpa);

/*
 * One naturally aligned 4- or 8-byte word (a page-table entry): what a
 * page walk reads, without the copy loop; false outside the guest or
 * unaligned.
 */
bool guest_mem_read_word(const struct guest_mem *m, gpa_t gpa, unsigned size,
			 uint64_t *value);

/*
 * A page walk marking an entry accessed or dirty: the aligned 32-bit word
 * at gpa (an entry's low half, where those bits are) becomes value only
 * if it still holds expect, in one atomic step, as the CPU's own walk
 * does. A vCPU of the guest may be writing the entry at the same moment:
 * its write is never lost. False if the word changed (or is outside).
 */
bool guest_mem_update_word(const struct guest_mem *m, gpa_t gpa,
			   uint32_t expect, uint32_t value);

/* Copies to and from guest-physical memory; false if any byte is outside. */
bool guest_mem_read(const struct guest_mem *m, gpa_t gpa, void *dst, size_t len);
bool guest_mem_write(const struct guest_mem *m, gpa_t gpa, const void *src,
		     size_t len);

#endif
