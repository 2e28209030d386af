#include <lib/string.h>
#include "early.h"
#include "frames.h"

/*
 * Frames given back are on a list, each one's first word holding the
 * next one's address; those never handed out lie from next up to end,
 * untouched (at first only the start of memory is mapped, so frames are
 * taken from the bottom).
 */
static uint32_t free_list, next, end_pa;
static unsigned nfree;

void frames_init(uint32_t start, uint32_t end)
{
	next = ALIGN_UP(start, PAGE_SIZE);
	end_pa = end & ~(PAGE_SIZE - 1);
	nfree = next < end_pa ? (end_pa - next) / PAGE_SIZE : 0;
}

uint32_t frame_alloc(void)
{
	uint32_t pa = free_list;

	if (pa) {
		free_list = *(uint32_t *)P2V(pa);
	} else if (next < end_pa) {
		pa = next;
		next += PAGE_SIZE;
	} else {
		return 0;
	}
	nfree--;
	memset(P2V(pa), 0, PAGE_SIZE);
	return pa;
}

void frame_free(uint32_t pa)
{
	*(uint32_t *)P2V(pa) = free_list;
	free_list = pa;
	nfree++;
}

unsigned frames_free(void)
{
	return nfree;
}
