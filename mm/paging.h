/* Building the hypervisor's page tables and turning paging on. */
#ifndef MM_PAGING_H
#define MM_PAGING_H

#include <types.h>
#include "hostpt.h"

struct hv_memory;

/* The hypervisor's page table, once paging is on. */
extern struct hostpt host_pt;

/*
 * Maps page 1 up to direct_top and the image with its section permissions,
 * plus the local APIC page when there is one, then enables paging in the
 * given mode (with NX when nx is set).
 */
void paging_enable(enum paging_mode mode, bool nx, hpa_t direct_top,
		   uint32_t lapic_pa);

/* Switcher base for the mode: the top directory slot. */
uint32_t paging_switcher_base(enum paging_mode mode);

#endif
