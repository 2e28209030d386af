/*
 * Parsing the multiboot2 boot information. The parser trusts nothing: every
 * tag's size and alignment is checked against the total size before it is
 * read, and strings must end inside their tag. It only reads the buffer it
 * is given, so host tests can feed it anything.
 */
#ifndef BOOT_MB2_H
#define BOOT_MB2_H

#include <types.h>

#define MB2_MAX_REGIONS     256
#define MB2_MAX_MODULES     32
#define MB2_MAX_INFO_SIZE   (1u << 20)   /* far above any real loader's */

struct mb2_region {
	uint64_t base, length;
	uint32_t type;              /* MB2_MEMORY_* */
};

struct mb2_module {
	uint32_t start, end;        /* physical, end exclusive */
	const char *cmdline;        /* points into the information */
};

/* The framebuffer the loader left set up, as its tag describes it. */
struct mb2_framebuffer {
	uint64_t addr;              /* physical */
	uint32_t pitch;             /* bytes from one line to the next */
	uint32_t width, height;     /* pixels; characters for EGA text */
	uint8_t bpp, type;          /* MB2_FB_* */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct mb2_info {
	uint32_t total_size;
	const char *cmdline;        /* "" when the loader gave none */
	const char *loader_name;    /* "" when the loader gave none */
	struct mb2_region regions[MB2_MAX_REGIONS];
	unsigned nregions;
	struct mb2_module modules[MB2_MAX_MODULES];
	unsigned nmodules;
	unsigned modules_dropped;   /* beyond MB2_MAX_MODULES */
	const void *rsdp;           /* copy of the ACPI RSDP, or NULL */
	uint32_t rsdp_len;
	bool have_fb;               /* fb is valid */
	struct mb2_framebuffer fb;
	/* Why a framebuffer tag was ignored ("" when none was): a broken
	 * tag costs the screen, not the boot. */
	char fb_problem[96];
};

/*
 * Fills *out from the information at mbi. Returns true on success; on
 * failure writes a one-line reason to err and returns false.
 */
bool mb2_parse(const void *mbi, struct mb2_info *out, char *err, size_t errlen);

#endif
