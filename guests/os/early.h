/*
 * The OS's first stage (early.c), which runs where it was loaded: at
 * physical addresses, natively with paging off, under the hypervisor in
 * its start-up linear map. The kernel proper is linked at KERNEL_BASE
 * and up (os.ld), so early_main maps it there before anything of it runs:
 * boot tables in the command line's format (the hypervisor must be told
 * that format when the OS registers, before its first table), mapping the
 * first BOOT_MAP_SIZE of memory both where it lies and at KERNEL_BASE.
 * It also keeps what the kernel needs of where it came from, since the
 * kernel's own tables map only the kernel.
 */
#ifndef OS_EARLY_H
#define OS_EARLY_H

#include <types.h>

#define KERNEL_BASE             0xC0000000u
#define BOOT_MAP_SIZE           (8u * MiB)
#define EARLY_MBI_SIZE          16384u  /* a copy of the multiboot2 information */

#define P2V(pa)                 ((void *)(uintptr_t)((uint32_t)(pa) + KERNEL_BASE))
#define V2P(va)                 ((uint32_t)(uintptr_t)(va) - KERNEL_BASE)

/* What the first stage found, for the kernel. */
struct early_info {
	uint32_t magic;                 /* which machine started the OS */
	uint32_t boot_info_gpa;         /* the hypervisor's boot info */
	unsigned format;                /* HV_PT_*: the command line's pt= */
	uint32_t mbi_size;              /* bytes copied to mbi (0: none) */
	uint8_t mbi[EARLY_MBI_SIZE] ALIGNED(8);
};

/* Called by boot.S at the physical addresses; returns once the kernel's
 * addresses are mapped, with the information at P2V of its result. */
uint32_t early_main(uint32_t magic, uint32_t mbi_pa, uint32_t boot_info_gpa);

#endif
