/*
 * The hypervisor's virtual address space (the same in both paging modes):
 *
 *   0x00000000  page 0: never mapped, so null pointers fault
 *   0x00001000  direct map: physical memory identity-mapped, up to
 *               HV_DIRECT_LIMIT or the top of RAM below it; the hypervisor
 *               image (at 1 MiB) lies inside with its own permissions
 *   ...         device pages (the local APIC) identity-mapped, uncached
 *   KMAP_BASE   per-CPU windows for temporary mappings of any frame
 *   switcher    the top 4 MiB (2-level) or 2 MiB (PAE): see switcher/layout.h
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <switcher/layout.h>

#define HV_DIRECT_LIMIT     0x40000000u     /* 1 GiB */

#define KMAP_SLOTS_PER_CPU  8u
#define KMAP_BASE           0xFF800000u     /* below either switcher base */

#endif
