/* Segment helpers for guests that test descriptor loads. */
#include <x86/desc.h>
#include "hv.h"

void hv_data_segment(const void *base, uint32_t *lo, uint32_t *hi)
{
	/* 16 bytes, 32-bit, present, DPL 1, read/write data. */
	struct desc d = desc_segment_bytes((uint32_t)base, 15, SEG_DATA_RW, 1);

	*lo = d.lo;
	*hi = d.hi;
}

uint32_t hv_read_far(uint32_t sel, uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %1, %%fs; movl %%fs:(%2), %0; movl %3, %%fs"
			 : "=&r"(v) : "r"(sel), "r"(off), "r"(0) : "memory");
	return v;
}
