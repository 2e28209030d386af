/* Sets of physical address ranges, as the memory map and reservations are. */
#ifndef MM_MEMRANGE_H
#define MM_MEMRANGE_H

#include <types.h>

struct mem_range {
	hpa_t base, end;            /* [base, end) */
};

struct mem_ranges {
	struct mem_range *r;
	unsigned n, cap;
	unsigned dropped;           /* ranges that did not fit in cap */
};

/* Adds [base, end), shrunk to whole pages, keeping the set sorted and merged. */
void memranges_add(struct mem_ranges *set, hpa_t base, hpa_t end);

/* Removes [base, end), grown to whole pages. */
void memranges_remove(struct mem_ranges *set, hpa_t base, hpa_t end);

hpa_t memranges_total(const struct mem_ranges *set);

/* How much of [lo, hi) the set covers. */
hpa_t memranges_total_in(const struct mem_ranges *set, hpa_t lo, hpa_t hi);

#endif
