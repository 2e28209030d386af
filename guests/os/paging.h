/*
 * The OS's own page tables, in the format its command line chooses
 * (pt=2level, the default, or pt=pae), built the same way on both
 * machines and handed to the back end (pv.h): natively loaded into CR3,
 * under the hypervisor with NEW_PGTABLE, every later change reported. The
 * kernel maps the memory it uses at KERNEL_BASE (early.h), and nothing
 * below: that is for user space (a null pointer faults). The demand-zero
 * area gets a fresh zeroed frame on the first touch of each page, through
 * the OS's own page-fault handler.
 */
#ifndef OS_PAGING_H
#define OS_PAGING_H

#include <types.h>

#define DEMAND_ZERO_BASE        0x40000000u
#define DEMAND_ZERO_SIZE        0x01000000u     /* 16 MiB */

/* HV_PT_2LEVEL or HV_PT_PAE from the command line's pt= word. */
unsigned paging_format(const char *cmdline);

/* Builds the tables, mapping [0, top) at KERNEL_BASE, and turns them on
 * in the format the first stage already used. */
void paging_init(unsigned format, uint32_t top);

/* Whether the page fault at addr (error code error) was a first touch of
 * the demand-zero area, now mapped. */
bool paging_fault(uint32_t addr, uint32_t error);

/* Unmaps [va, va + len) of the demand-zero area and frees its frames,
 * and the page tables left empty. */
void paging_release(uint32_t va, uint32_t len);

/* Demand-zero faults taken so far. */
unsigned paging_faults(void);

#endif
