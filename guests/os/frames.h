/*
 * The OS's physical page frames: the pages between the end of its image
 * and the top of the memory it uses, lowest first. Every frame handed out
 * is zeroed. Frames are physical addresses; the kernel reaches frame pa
 * at P2V(pa) (early.h).
 */
#ifndef OS_FRAMES_H
#define OS_FRAMES_H

#include <types.h>

void frames_init(uint32_t start, uint32_t end);

/* A zeroed frame, or 0 when none is left. */
uint32_t frame_alloc(void);
void frame_free(uint32_t pa);
unsigned frames_free(void);

#endif
