/* Segment helpers for guests that test descriptor loads. */
#include "hv.h"

void hv_data_segment(const void *base, uint32_t *lo, uint32_t *hi)
{
	uint32_t b = (uint32_t)base;

	/* Limit 15, byte-granular, 32-bit, present, DPL 1, read/write data. */
	*lo = 15 | (b << 16);
	*hi = ((b >> 16) & 0xFF) | (0x2u << 8) | (1u << 12) | (1u << 13) |
	      (1u << 15) | (1u << 22) | (b & 0xFF000000u);
}

uint32_t hv_read_far(uint32_t sel, uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %1, %%fs; movl %%fs:(%2), %0; movl %3, %%fs"
			 : "=&r"(v) : "r"(sel), "r"(off), "r"(0) : "memory");
	return v;
}
