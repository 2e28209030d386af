/*
 * What the hypervisor keeps of the multiboot2 information. The strings are
 * copied out, so nothing refers to the loader's memory once paging is on.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include "mb2.h"

#define BOOT_STRINGS_SIZE   8192u

/* Checks the magic, parses the information and copies its strings. */
void bootinfo_load(uint32_t magic, uint32_t mbi_pa, struct mb2_info *info);

#endif
