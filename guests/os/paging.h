/*
 * The OS's own page tables, in the format its command line chooses
 * (pt=2level, the default, or pt=pae), built the same way on both
 * machines and handed to the back end (pv.h): natively loaded into CR3,
 * under the hypervisor with NEW_PGTABLE, every later change reported.
 *
 * The kernel maps the memory it uses at KERNEL_BASE (early.h); below is
 * user space, a process's own (a null pointer faults). Every address
 * space shares the kernel's half: on PAE its directory, the fourth; on
 * 2-level the kernel's directory entries, all made when the kernel's
 * tables are, so they never change. The demand-zero area gets a fresh
 * zeroed frame on the first touch of each page, through the OS's own
 * page-fault handler.
 */
#ifndef OS_PAGING_H
#define OS_PAGING_H

#include <types.h>

#define USER_TOP                0xC0000000u     /* KERNEL_BASE */
#define DEMAND_ZERO_BASE        0x40000000u
#define DEMAND_ZERO_SIZE        0x01000000u     /* 16 MiB */

/* HV_PT_2LEVEL or HV_PT_PAE from the command line's pt= word. */
unsigned paging_format(const char *cmdline);

/* Builds the kernel's tables, mapping [0, top) at KERNEL_BASE, and turns
 * them on in the format the first stage already used. */
void paging_init(unsigned format, uint32_t top);

/* The kernel's address space (no user part), and the one loaded. */
uint32_t paging_kernel_root(void);
uint32_t paging_current(void);

/* A new address space sharing the kernel's half; 0 when out of memory. */
uint32_t paging_space_new(void);

/* Frees every user page and table of root, then root itself; root must
 * not be loaded. The back end forgets what it cached of it. */
void paging_space_free(uint32_t root);

void paging_switch(uint32_t root);

/* Maps va to frame pa in root with PTE flags; false when out of memory. */
bool paging_map(uint32_t root, uint32_t va, uint32_t pa, uint32_t flags);

/* Whether root has a page table for va (paging_table_span() bytes). */
bool paging_table_present(uint32_t root, uint32_t va);

/* Whether va is mapped in root with all of flags. */
bool paging_mapped(uint32_t root, uint32_t va, uint32_t flags);

/* The frame va is mapped to in root with all of flags, or 0. */
uint32_t paging_frame(uint32_t root, uint32_t va, uint32_t flags);

/* Whether the page fault at addr (error code error) was a first touch of
 * the demand-zero area, now mapped in the current space. */
bool paging_fault(uint32_t addr, uint32_t error);

/* Unmaps [va, va + len) of the current space and frees its frames, and
 * the page tables left empty. */
void paging_release(uint32_t va, uint32_t len);

/* The bytes one page table maps: 4 MiB on 2-level, 2 MiB on PAE. */
uint32_t paging_table_span(void);

/* Demand-zero faults taken so far. */
unsigned paging_faults(void);

#endif
