/*
 * The hypervisor's virtual address space (the same in both paging modes):
 *
 *   0x00000000  page 0: never mapped, so null pointers fault
 *   0x00001000  direct map: physical memory identity-mapped, up to
 *               HV_DIRECT_LIMIT or the top of RAM below it; the hypervisor
 *               image (at 1 MiB) lies inside with its own permissions
 *   0x80000000  the screen's framebuffer, when it has one (hv/display.c)
 *   ...         device pages (the local APIC) identity-mapped, uncached
 *   0xC0000000  a window onto one boot module at a time, while loading it
 *   KMAP_BASE   per-CPU windows for temporary mappings of any frame
 *   0xFF900000  the guests' shared pages, one page per guest
 *   switcher    the top 4 MiB (2-level) or 2 MiB (PAE): see switcher/layout.h
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <switcher/layout.h>

#define HV_DIRECT_LIMIT     0x40000000u     /* 1 GiB */

#define KMAP_SLOTS_PER_CPU  8u
#define KMAP_BASE           0xFF800000u     /* below either switcher base */

/* Each guest's shared page, mapped for as long as the guest lives. */
#define SHARED_PAGES_BASE   0xFF900000u

/* The framebuffer, mapped for the hypervisor's lifetime. */
#define SCREEN_WINDOW_BASE  0x80000000u
#define SCREEN_WINDOW_SIZE  0x10000000u     /* 256 MiB */

/* A window for reading a boot module that lies outside the direct map. */
#define MODULE_WINDOW_BASE  0xC0000000u
#define MODULE_WINDOW_SIZE  0x3F000000u     /* up to KMAP_BASE */

#endif
