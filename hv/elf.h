/*
 * Checking a guest image before loading it. Everything about the file is
 * verified against its size and the guest's memory: the loader then only
 * copies what the plan says.
 */
#ifndef HV_ELF_H
#define HV_ELF_H

#include <types.h>

#define ELF_MAX_SEGMENTS    16

struct elf_segment {
	uint32_t file_offset, file_size;    /* bytes to copy from the image */
	uint32_t gpa, mem_size;             /* where, and how much to fill */
};

struct elf_plan {
	uint32_t entry;
	unsigned nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Plans the load of image[0, size) into guest-physical [0, mem_bytes),
 * keeping clear of [reserved_gpa, reserved_gpa + PAGE_SIZE). Returns NULL
 * or a reason for refusing the image (written into err).
 */
const char *elf_plan(const void *image, uint32_t size, uint32_t mem_bytes,
		     uint32_t reserved_gpa, struct elf_plan *plan,
		     char *err, size_t errlen);

#endif
