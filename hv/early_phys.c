/*
 * Physical memory before paging is on: every address below 4 GiB is its own
 * linear address, which is how the ACPI tables are read.
 */
#include "acpi.h"

const void *acpi_phys(uint64_t pa, uint32_t len)
{
	if (pa == 0)                    /* a missing table, not the IVT */
		return NULL;
	if (pa + len > 0x100000000ull || pa + len < pa)
		return NULL;
	return (const void *)(uintptr_t)pa;
}
