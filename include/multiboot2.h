/* Multiboot2 specification constants (version 2.0). */
#ifndef MULTIBOOT2_H
#define MULTIBOOT2_H


#define MB2_HEADER_MAGIC        0xE85250D6
#define MB2_BOOTLOADER_MAGIC    0x36D76289u  /* in EAX at entry */
#define MB2_ARCH_I386           0

/* Header tags (in the kernel image). */
#define MB2_HTAG_END            0
#define MB2_HTAG_INFO_REQUEST   1
#define MB2_HTAG_CONSOLE_FLAGS  4
#define MB2_HTAG_FRAMEBUFFER    5       /* width, height, depth wanted */
#define MB2_HTAG_FLAGS_OPTIONAL 1
#define MB2_CONSOLE_EGA_TEXT    (1u << 1)  /* console flags: text mode will do */

/* Information tags (from the boot loader). */
#define MB2_TAG_END             0
#define MB2_TAG_CMDLINE         1
#define MB2_TAG_LOADER_NAME     2
#define MB2_TAG_MODULE          3
#define MB2_TAG_BASIC_MEMINFO   4
#define MB2_TAG_BOOTDEV         5
#define MB2_TAG_MMAP            6
#define MB2_TAG_FRAMEBUFFER     8
#define MB2_TAG_ACPI_OLD        14
#define MB2_TAG_ACPI_NEW        15

#define MB2_TAG_ALIGN           8

#define MB2_MEMORY_AVAILABLE    1
#define MB2_MEMORY_RESERVED     2
#define MB2_MEMORY_ACPI_RECLAIM 3
#define MB2_MEMORY_NVS          4
#define MB2_MEMORY_BADRAM       5

/* The framebuffer tag's framebuffer_type. */
#define MB2_FB_INDEXED          0
#define MB2_FB_RGB              1
#define MB2_FB_EGA_TEXT         2       /* 16-bit cells: character, attribute */

#ifndef __ASSEMBLER__
#include <types.h>

struct PACKED mb2_info_header {
	uint32_t total_size;
	uint32_t reserved;
};

struct PACKED mb2_tag {
	uint32_t type;
	uint32_t size;      /* including this header, excluding padding */
};

struct PACKED mb2_tag_module {
	uint32_t type, size;
	uint32_t mod_start, mod_end;
	char cmdline[];
};

struct PACKED mb2_tag_mmap {
	uint32_t type, size;
	uint32_t entry_size, entry_version;
};

struct PACKED mb2_mmap_entry {
	uint64_t base, length;
	uint32_t type, reserved;
};

/* The framebuffer tag; for MB2_FB_RGB, the colour fields follow. */
struct PACKED mb2_tag_framebuffer {
	uint32_t type, size;
	uint64_t addr;          /* physical */
	uint32_t pitch;         /* bytes per line */
	uint32_t width, height; /* pixels, or characters for EGA text */
	uint8_t bpp, fb_type;
	uint16_t reserved;
};

struct PACKED mb2_fb_rgb {
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

#endif /* __ASSEMBLER__ */
#endif
