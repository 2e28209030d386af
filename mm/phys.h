/*
 * Reaching physical memory. The hypervisor identity-maps the low part of
 * RAM (the direct map); host tests substitute a simulated memory, which is
 * what makes the allocator and page-table code testable on the host.
 */
#ifndef MM_PHYS_H
#define MM_PHYS_H

#include <types.h>

/* A pointer to a frame in the direct map. */
void *phys_direct(hpa_t pa);

/*
 * Maps any frame (or the direct-map address of one) for a short while;
 * each CPU has a few windows, released with kunmap in any order.
 */
void *kmap(hpa_t pa);
void kunmap(void *va);

#endif
