/* Long-lived and loading-time mappings of frames outside the direct map. */
#ifndef MM_WINDOW_H
#define MM_WINDOW_H

#include <types.h>

/*
 * Maps [pa, pa + len) at MODULE_WINDOW_BASE, or returns NULL (too long,
 * or no memory for the tables). One range at a time on one CPU: on
 * success the window is this CPU's until module_window_unmap, which the
 * caller calls soon, starting no shoot-down meanwhile (it holds a lock).
 */
const void *module_window_map(hpa_t pa, uint32_t len);
void module_window_unmap(void);

/*
 * Maps the framebuffer [pa, pa + len) at SCREEN_WINDOW_BASE for good, or
 * returns NULL when it is larger than the window, lies where the host's
 * paging cannot reach (above 4 GiB on a 2-level host) or leaves no memory
 * for the page tables.
 */
void *screen_window_map(hpa_t pa, uint64_t len);

/*
 * Maps guest slot's shared page (frame pa); FRAME_NONE unmaps it, on every
 * CPU before it returns (a shoot-down: no lock may be held).
 */
void *shared_page_map(unsigned slot, hpa_t pa);

#endif
