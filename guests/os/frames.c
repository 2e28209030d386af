#include <lib/string.h>
#include "frames.h"

/* Each free frame's first word holds the next one's address. */
static uint32_t free_list;
static unsigned nfree;

void frames_init(uint32_t start, uint32_t end)
{
	uint32_t pa;

	start = ALIGN_UP(start, PAGE_SIZE);
	end &= ~(PAGE_SIZE - 1);
	for (pa = end; pa > start; pa -= PAGE_SIZE)
		frame_free(pa - PAGE_SIZE);
}

uint32_t frame_alloc(void)
{
	uint32_t pa = free_list;

	if (!pa)
		return 0;
	free_list = *(uint32_t *)(uintptr_t)pa;
	nfree--;
	memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return pa;
}

void frame_free(uint32_t pa)
{
	*(uint32_t *)(uintptr_t)pa = free_list;
	free_list = pa;
	nfree++;
}

unsigned frames_free(void)
{
	return nfree;
}
