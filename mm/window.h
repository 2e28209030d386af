/* Long-lived and loading-time mappings of frames outside the direct map. */
#ifndef MM_WINDOW_H
#define MM_WINDOW_H

#include <types.h>

/* Maps [pa, pa + len) at MODULE_WINDOW_BASE; one range at a time. */
const void *module_window_map(hpa_t pa, uint32_t len);
void module_window_unmap(void);

/* Maps guest slot's shared page (frame pa); FRAME_NONE unmaps it. */
void *shared_page_map(unsigned slot, hpa_t pa);

#endif
