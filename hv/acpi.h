/*
 * Reading the ACPI tables: the CPUs in the MADT and the S5 (soft-off)
 * registers in the FADT and DSDT. Every table is checked (signature, length,
 * checksum) before use; a bad one is skipped with a warning in *info.
 */
#ifndef HV_ACPI_H
#define HV_ACPI_H

#include <types.h>
#include "power.h"

#define ACPI_MAX_CPUS   256

struct acpi_info {
	bool found;                 /* an RSDP with a valid checksum */
	unsigned revision;
	char oem[7];
	bool have_madt;
	unsigned ncpus;             /* usable local APICs in the MADT */
	uint32_t apic_ids[ACPI_MAX_CPUS];
	uint32_t lapic_base;
	struct acpi_poweroff poweroff;
	char warning[96];           /* the last table skipped, and why */
};

/*
 * Reads [pa, pa + len) of physical memory; NULL if it cannot be reached.
 * Supplied by the environment: the hypervisor before paging, or a test.
 */
const void *acpi_phys(uint64_t pa, uint32_t len);

/* rsdp: the copy the boot loader gave, or NULL to search the BIOS areas. */
void acpi_parse(const void *rsdp, uint32_t rsdp_len, struct acpi_info *info);

#endif
