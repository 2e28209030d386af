/* The hypervisor's view of physical memory, set up once at boot. */
#ifndef MM_MM_H
#define MM_MM_H

#include <types.h>
#include <boot/mb2.h>
#include "frame.h"
#include "hostpt.h"
#include "phys.h"

/* Frames beyond this are left alone: it bounds the bitmap at 2 MiB. */
#define FRAME_MAX_PA        (64ull * GiB)

struct hv_memory {
	hpa_t available;            /* what the firmware calls available */
	hpa_t usable;               /* what the allocator manages */
	hpa_t usable_high;          /* ... of it above 4 GiB */
	hpa_t unreachable;          /* available but out of the mode's reach */
	hpa_t direct_top;           /* end of the direct map */
};

extern struct frame_pool hv_frames;
extern struct hv_memory hv_memory;

/* Builds the frame allocator from the memory map, minus what is in use. */
void mm_init(const struct mb2_info *mbi, enum paging_mode mode);

/* Sets up the temporary-mapping windows (see kmap() in phys.h). */
void kmap_init(void);

#endif
