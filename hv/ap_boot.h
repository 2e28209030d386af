/*
 * Starting an application processor. A CPU woken by INIT and a start-up
 * IPI begins in real mode at the start of a page below 1 MiB, so the
 * hypervisor copies ap_boot_start..ap_boot_end (ap_boot.S) there. That code
 * loads the small flat GDT of its parameters, turns on protected mode,
 * then paging with the boot CPU's CR4, EFER, CR3 and CR0, and calls entry
 * on stack with the CPU's index. The parameters follow the code, at
 * AP_BOOT_PARAMS; the offsets below are shared with the assembler.
 */
#ifndef HV_AP_BOOT_H
#define HV_AP_BOOT_H

#include <lib/segments.h>

#define AP_BOOT_PARAMS          0x100   /* from the page's start */
#define AP_PARAM_FAR            0       /* 32-bit code: offset, selector */
#define AP_PARAM_GDTR           6       /* limit (16 bits), base */
#define AP_PARAM_CR0            12
#define AP_PARAM_CR3            16
#define AP_PARAM_CR4            20
#define AP_PARAM_EFER_MSR       24      /* 0: no EFER to write */
#define AP_PARAM_EFER           28
#define AP_PARAM_STACK          32
#define AP_PARAM_ENTRY          36
#define AP_PARAM_INDEX          40
#define AP_PARAM_GDT            44      /* null, code, data */

/* The hypervisor's own code and data, at their places in its GDT. */
#define AP_BOOT_GDT_ENTRIES     (GDT_HV_DATA + 1)
#define AP_BOOT_CODE_SEL        SEL_HV_CODE
#define AP_BOOT_DATA_SEL        SEL_HV_DATA

#ifndef __ASSEMBLY__
#include <types.h>
#include <x86/desc.h>

struct PACKED ap_boot_params {
	uint32_t far_offset;
	uint16_t far_sel;
	uint16_t gdt_limit;
	uint32_t gdt_base;
	uint32_t cr0, cr3, cr4;
	uint32_t efer_msr, efer;
	uint32_t stack;
	uint32_t entry;         /* void entry(unsigned index), never returns */
	uint32_t index;
	struct desc gdt[AP_BOOT_GDT_ENTRIES];
};

extern const char ap_boot_start[], ap_boot_32[], ap_boot_end[];
#endif

#endif
