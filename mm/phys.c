#include <lib/panic.h>
#include "layout.h"
#include "phys.h"

void *phys_direct(hpa_t pa)
{
	if (pa >= HV_DIRECT_LIMIT)
		panic("phys_direct: 0x%llx is outside the direct map",
		      (unsigned long long)pa);
	return (void *)(uintptr_t)pa;
}
