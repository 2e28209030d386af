/* The multiboot2 information parser: good information and each refusal. */
#include <stdint.h>
#include <string.h>
#include <multiboot2.h>
#include <boot/mb2.h>
#include "check.h"

static uint8_t buf[32768] ALIGNED(8);
static uint32_t len;
static struct mb2_info info;
static char err[160];

static void begin(void)
{
	memset(buf, 0, sizeof(buf));
	memset(err, 0, sizeof(err));
	len = sizeof(struct mb2_info_header);
}

static void set_total(uint32_t total)
{
	((struct mb2_info_header *)buf)->total_size = total;
}

/* Appends a tag of the given size (body zeroed) and returns it. */
static void *add_tag(uint32_t type, uint32_t size)
{
	struct mb2_tag *t = (void *)(buf + len);

	t->type = type;
	t->size = size;
	len += ALIGN_UP(size, MB2_TAG_ALIGN);
	return t;
}

static void add_string(uint32_t type, const char *s)
{
	struct mb2_tag *t = add_tag(type, sizeof(*t) + strlen(s) + 1);

	memcpy(t + 1, s, strlen(s) + 1);
}

static struct mb2_tag_module *add_module(uint32_t start, uint32_t end,
					 const char *cmdline)
{
	struct mb2_tag_module *m = add_tag(MB2_TAG_MODULE,
					   sizeof(*m) + strlen(cmdline) + 1);

	m->mod_start = start;
	m->mod_end = end;
	memcpy(m->cmdline, cmdline, strlen(cmdline) + 1);
	return m;
}

/* A memory map of n entries at stride entry_size; entry i from e[i]. */
static struct mb2_tag_mmap *add_mmap_sized(const struct mb2_mmap_entry *e,
					   unsigned n, uint32_t entry_size)
{
	struct mb2_tag_mmap *mm = add_tag(MB2_TAG_MMAP,
					  sizeof(*mm) + n * entry_size);
	unsigned i;

	mm->entry_size = entry_size;
	for (i = 0; i < n; i++)
		memcpy((uint8_t *)(mm + 1) + i * entry_size, &e[i], sizeof(*e));
	return mm;
}

static const struct mb2_mmap_entry one_region[] = {
	{ 0, 0x9FC00, MB2_MEMORY_AVAILABLE, 0 },
};

static void add_mmap(void)
{
	add_mmap_sized(one_region, 1, sizeof(struct mb2_mmap_entry));
}

/* The end tag, and the total size to match. */
static void end(void)
{
	add_tag(MB2_TAG_END, sizeof(struct mb2_tag));
	set_total(len);
}

static bool parse(void)
{
	return mb2_parse(buf, &info, err, sizeof(err));
}

#define REFUSED(needle)                                                \
	do {                                                           \
		CHECK(!parse());                                       \
		CHECK(strstr(err, (needle)) != NULL);                  \
	} while (0)

static void test_good_information(void)
{
	static const struct mb2_mmap_entry map[] = {
		{ 0, 0x9FC00, MB2_MEMORY_AVAILABLE, 0 },
		{ 0x9FC00, 0x400, MB2_MEMORY_RESERVED, 0 },
		{ 0x100000, 0x7EE0000, MB2_MEMORY_AVAILABLE, 0 },
		{ 0xFFFC0000, 0x40000, MB2_MEMORY_RESERVED, 0 },
		{ 0x100000000ull, 0x40000000ull, MB2_MEMORY_AVAILABLE, 0 },
	};

	begin();
	add_string(MB2_TAG_CMDLINE, "console=serial mem=64M");
	add_tag(MB2_TAG_BASIC_MEMINFO, 16);
	add_string(MB2_TAG_LOADER_NAME, "GRUB 2.12");
	add_mmap_sized(map, 5, sizeof(struct mb2_mmap_entry));
	add_module(0x200000, 0x280000, "guest1 mem=16M");
	add_tag(77, 13);        /* unknown, and not a multiple of 8 */
	add_module(0x300000, 0x300000, "");
	end();
	CHECK(parse());
	CHECK_EQ(info.total_size, len);
	CHECK_STR(info.cmdline, "console=serial mem=64M");
	CHECK_STR(info.loader_name, "GRUB 2.12");
	CHECK_EQ(info.nregions, 5);
	CHECK_EQ(info.regions[2].base, 0x100000);
	CHECK_EQ(info.regions[2].length, 0x7EE0000);
	CHECK_EQ(info.regions[3].type, MB2_MEMORY_RESERVED);
	CHECK_EQ(info.regions[4].base, 0x100000000ull);
	CHECK_EQ(info.regions[4].length, 0x40000000ull);
	CHECK_EQ(info.nmodules, 2);
	CHECK_EQ(info.modules[0].start, 0x200000);
	CHECK_EQ(info.modules[0].end, 0x280000);
	CHECK_STR(info.modules[0].cmdline, "guest1 mem=16M");
	CHECK_EQ(info.modules[1].start, 0x300000);
	CHECK_STR(info.modules[1].cmdline, "");
	CHECK_EQ(info.modules_dropped, 0);
	CHECK(info.rsdp == NULL);
}

static void test_defaults_without_strings(void)
{
	begin();
	add_mmap();
	end();
	CHECK(parse());
	CHECK_STR(info.cmdline, "");
	CHECK_STR(info.loader_name, "");
	CHECK_EQ(info.nmodules, 0);
	CHECK_EQ(info.nregions, 1);
}

static void test_mmap_wide_entries(void)
{
	static const struct mb2_mmap_entry map[] = {
		{ 0x1000, 0x2000, MB2_MEMORY_AVAILABLE, 0 },
		{ 0x5000, 0x3000, MB2_MEMORY_NVS, 0 },
	};
	uint8_t *body;

	begin();
	body = (uint8_t *)(add_mmap_sized(map, 2, 32) + 1);
	memset(body + 24, 0xEE, 8);     /* padding the parser must skip */
	end();
	CHECK(parse());
	CHECK_EQ(info.nregions, 2);
	CHECK_EQ(info.regions[1].base, 0x5000);
	CHECK_EQ(info.regions[1].length, 0x3000);
	CHECK_EQ(info.regions[1].type, MB2_MEMORY_NVS);
}

static void test_acpi_new_preferred(void)
{
	uint8_t *old_body, *new_body;

	begin();
	add_mmap();
	old_body = (uint8_t *)add_tag(MB2_TAG_ACPI_OLD, 8 + 20) + 8;
	new_body = (uint8_t *)add_tag(MB2_TAG_ACPI_NEW, 8 + 36) + 8;
	end();
	CHECK(parse());
	CHECK(info.rsdp == new_body);
	CHECK_EQ(info.rsdp_len, 36);

	/* The same, with the new one first: the old one must not replace it. */
	begin();
	new_body = (uint8_t *)add_tag(MB2_TAG_ACPI_NEW, 8 + 36) + 8;
	add_tag(MB2_TAG_ACPI_OLD, 8 + 20);
	add_mmap();
	end();
	CHECK(parse());
	CHECK(info.rsdp == new_body);
	CHECK_EQ(info.rsdp_len, 36);

	begin();
	old_body = (uint8_t *)add_tag(MB2_TAG_ACPI_OLD, 8 + 20) + 8;
	add_mmap();
	end();
	CHECK(parse());
	CHECK(info.rsdp == old_body);
	CHECK_EQ(info.rsdp_len, 20);
}

static void test_too_many_modules(void)
{
	unsigned i;

	begin();
	add_mmap();
	for (i = 0; i < MB2_MAX_MODULES + 5; i++)
		add_module(0x1000000 + i * 0x1000, 0x1000000 + i * 0x1000 + 0x800,
			   "m");
	end();
	CHECK(parse());
	CHECK_EQ(info.nmodules, MB2_MAX_MODULES);
	CHECK_EQ(info.modules_dropped, 5);
	CHECK_EQ(info.modules[MB2_MAX_MODULES - 1].start,
		 0x1000000 + (MB2_MAX_MODULES - 1) * 0x1000);
}

static void test_misaligned(void)
{
	begin();
	add_mmap();
	end();
	CHECK(!mb2_parse(buf + 4, &info, err, sizeof(err)));
	CHECK(strstr(err, "aligned") != NULL);
	CHECK(!mb2_parse(NULL, &info, err, sizeof(err)));
}

static void test_implausible_size(void)
{
	begin();
	set_total(12);
	REFUSED("implausible");
	set_total(0);
	REFUSED("implausible");
	set_total(MB2_MAX_INFO_SIZE + 8);
	REFUSED("implausible");
}

static void test_tag_size_too_small(void)
{
	begin();
	add_mmap();
	add_tag(MB2_TAG_BOOTDEV, 4);
	end();
	REFUSED("has size 4");
}

static void test_tag_overruns_total(void)
{
	struct mb2_tag *t;

	begin();
	add_mmap();
	t = add_tag(MB2_TAG_BOOTDEV, 20);
	end();
	t->size = len;          /* past the end of the information */
	REFUSED("outside");
}

static void test_missing_end_tag(void)
{
	begin();
	add_mmap();
	add_string(MB2_TAG_CMDLINE, "x");
	set_total(len);
	REFUSED("no end tag");
	set_total(len + 4);     /* room for half a tag only */
	REFUSED("no end tag");
}

static void test_end_tag_wrong_size(void)
{
	begin();
	add_mmap();
	add_tag(MB2_TAG_END, 16);
	set_total(len);
	REFUSED("end tag");
}

static void test_unterminated_cmdline(void)
{
	struct mb2_tag *t;

	begin();
	add_mmap();
	t = add_tag(MB2_TAG_CMDLINE, 8 + 5);
	memset(t + 1, 'a', 5);
	memset(buf + len - 3, 0, 3);    /* the NUL in the padding is not its */
	end();
	REFUSED("not terminated");
	CHECK(strstr(err, "command line") != NULL);

	begin();
	add_mmap();
	add_tag(MB2_TAG_LOADER_NAME, 8);  /* no room for even the NUL */
	end();
	REFUSED("not terminated");
}

static void test_duplicate_cmdline(void)
{
	begin();
	add_mmap();
	add_string(MB2_TAG_CMDLINE, "a");
	add_string(MB2_TAG_CMDLINE, "b");
	end();
	REFUSED("second command line");

	begin();
	add_mmap();
	add_mmap();
	end();
	REFUSED("second memory map");
}

static void test_module_too_short(void)
{
	struct mb2_tag_module *m;

	begin();
	add_mmap();
	m = add_tag(MB2_TAG_MODULE, 16);
	m->mod_start = 0x1000;
	m->mod_end = 0x2000;
	end();
	REFUSED("too short");
}

static void test_module_unterminated(void)
{
	struct mb2_tag_module *m;

	begin();
	add_mmap();
	m = add_tag(MB2_TAG_MODULE, 16 + 4);
	m->mod_start = 0x1000;
	m->mod_end = 0x2000;
	memcpy(m->cmdline, "abcd", 4);
	memset(buf + len - 4, 'z', 4);
	end();
	REFUSED("module command line");
	CHECK(strstr(err, "not terminated") != NULL);
}

static void test_module_end_before_start(void)
{
	begin();
	add_mmap();
	add_module(0x2000, 0x1FFF, "m");
	end();
	REFUSED("before it starts");
}

static void test_mmap_bad_entry_size(void)
{
	begin();
	add_mmap_sized(one_region, 1, 16);
	end();
	REFUSED("entry size 16");

	begin();
	add_mmap_sized(one_region, 1, 28);
	end();
	REFUSED("entry size 28");

	begin();
	add_mmap_sized(one_region, 0, 0);
	end();
	REFUSED("entry size 0");
}

static void test_mmap_body_not_multiple(void)
{
	struct mb2_tag_mmap *mm;

	begin();
	mm = add_mmap_sized(one_region, 1, 24);
	mm->size += 8;          /* and the padding is room enough for it */
	len += 8;
	end();
	REFUSED("not a multiple");
}

static void test_mmap_too_many_entries(void)
{
	static struct mb2_mmap_entry map[MB2_MAX_REGIONS + 1];
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(map); i++) {
		map[i].base = (uint64_t)i * 0x2000;
		map[i].length = 0x1000;
		map[i].type = MB2_MEMORY_AVAILABLE;
	}
	begin();
	add_mmap_sized(map, MB2_MAX_REGIONS, sizeof(map[0]));
	end();
	CHECK(parse());
	CHECK_EQ(info.nregions, MB2_MAX_REGIONS);

	begin();
	add_mmap_sized(map, MB2_MAX_REGIONS + 1, sizeof(map[0]));
	end();
	REFUSED("more than");
}

static void test_mmap_entry_wraps(void)
{
	static const struct mb2_mmap_entry map[] = {
		{ 0x1000, 0x1000, MB2_MEMORY_AVAILABLE, 0 },
		{ 0xFFFFFFFFFFFFF000ull, 0x2000, MB2_MEMORY_AVAILABLE, 0 },
	};
	static const struct mb2_mmap_entry top[] = {
		{ 0xFFFFFFFFFFFFF000ull, 0xFFF, MB2_MEMORY_AVAILABLE, 0 },
	};

	begin();
	add_mmap_sized(map, 2, sizeof(map[0]));
	end();
	REFUSED("entry 1 wraps");

	begin();
	add_mmap_sized(top, 1, sizeof(top[0]));
	end();
	CHECK(parse());         /* ends at 2^64 - 1: no wrap */
}

static void test_no_memory_map(void)
{
	begin();
	add_string(MB2_TAG_CMDLINE, "x");
	end();
	REFUSED("no memory map");
}

static void test_acpi_tag_too_short(void)
{
	begin();
	add_mmap();
	add_tag(MB2_TAG_ACPI_OLD, 8 + 19);
	end();
	REFUSED("ACPI RSDP tag");
	CHECK(strstr(err, "too short") != NULL);

	begin();
	add_mmap();
	add_tag(MB2_TAG_ACPI_NEW, 8 + 20);  /* enough for 1.0, not 2.0 */
	end();
	REFUSED("too short");
}

/* A framebuffer tag of the given size, with its colour fields if it has room. */
static struct mb2_tag_framebuffer *add_fb(uint32_t size, uint8_t type,
					  uint8_t bpp, uint32_t width,
					  uint32_t height, uint32_t pitch)
{
	struct mb2_tag_framebuffer *t = add_tag(MB2_TAG_FRAMEBUFFER, size);

	if (size < sizeof(*t))
		return t;
	t->addr = 0xFD000000;
	t->pitch = pitch;
	t->width = width;
	t->height = height;
	t->bpp = bpp;
	t->fb_type = type;
	return t;
}

static struct mb2_fb_rgb *fb_rgb(struct mb2_tag_framebuffer *t)
{
	return (struct mb2_fb_rgb *)(t + 1);
}

#define FB_RGB_SIZE     (sizeof(struct mb2_tag_framebuffer) + \
			 sizeof(struct mb2_fb_rgb))

/* A good 32-bit RGB tag (1280x800) for the rejections to spoil. */
static struct mb2_tag_framebuffer *add_fb_rgb32(void)
{
	struct mb2_tag_framebuffer *t = add_fb(FB_RGB_SIZE, MB2_FB_RGB, 32,
					       1280, 800, 5120);

	*fb_rgb(t) = (struct mb2_fb_rgb){ 16, 8, 8, 8, 0, 8 };
	return t;
}

static struct mb2_tag_framebuffer *add_fb_text(void)
{
	struct mb2_tag_framebuffer *t = add_fb(sizeof(*t), MB2_FB_EGA_TEXT, 16,
					       80, 25, 160);

	t->addr = 0xB8000;
	return t;
}

#define FB_PREFIX       "framebuffer tag at offset "

/* The parse succeeds, without a framebuffer, and says why. */
#define FB_REJECTED(needle)                                            \
	do {                                                           \
		CHECK(parse());                                        \
		CHECK(!info.have_fb);                                  \
		CHECK(strncmp(info.fb_problem, FB_PREFIX,              \
			      strlen(FB_PREFIX)) == 0);                \
		CHECK(strstr(info.fb_problem, (needle)) != NULL);      \
	} while (0)

static void test_fb_ega_text(void)
{
	begin();
	add_mmap();
	add_fb_text();
	end();
	CHECK(parse());
	CHECK(info.have_fb);
	CHECK_STR(info.fb_problem, "");
	CHECK_EQ(info.fb.addr, 0xB8000);
	CHECK_EQ(info.fb.pitch, 160);
	CHECK_EQ(info.fb.width, 80);
	CHECK_EQ(info.fb.height, 25);
	CHECK_EQ(info.fb.bpp, 16);
	CHECK_EQ(info.fb.type, MB2_FB_EGA_TEXT);
	CHECK_EQ(info.fb.red_size, 0);
}

/* Text mode elsewhere than the VGA window, or larger: not text mode. */
static void test_fb_text_outside_window(void)
{
	struct mb2_tag_framebuffer *t;

	begin();
	add_mmap();
	t = add_fb_text();
	t->addr = 0x100000;
	end();
	FB_REJECTED("text mode outside the VGA text window");

	begin();
	add_mmap();
	t = add_fb_text();
	t->height = 1000;
	end();
	FB_REJECTED("text mode outside the VGA text window");
}

static void test_fb_rgb(void)
{
	begin();
	add_fb_rgb32();
	add_mmap();
	end();
	CHECK(parse());
	CHECK(info.have_fb);
	CHECK_STR(info.fb_problem, "");
	CHECK_EQ(info.fb.addr, 0xFD000000);
	CHECK_EQ(info.fb.pitch, 5120);
	CHECK_EQ(info.fb.width, 1280);
	CHECK_EQ(info.fb.height, 800);
	CHECK_EQ(info.fb.bpp, 32);
	CHECK_EQ(info.fb.type, MB2_FB_RGB);
	CHECK_EQ(info.fb.red_pos, 16);
	CHECK_EQ(info.fb.red_size, 8);
	CHECK_EQ(info.fb.green_pos, 8);
	CHECK_EQ(info.fb.green_size, 8);
	CHECK_EQ(info.fb.blue_pos, 0);
	CHECK_EQ(info.fb.blue_size, 8);
}

static void test_fb_rgb16(void)
{
	struct mb2_tag_framebuffer *t;

	begin();
	add_mmap();
	t = add_fb(FB_RGB_SIZE, MB2_FB_RGB, 16, 1024, 768, 2048);
	*fb_rgb(t) = (struct mb2_fb_rgb){ 11, 5, 5, 6, 0, 5 };
	end();
	CHECK(parse());
	CHECK(info.have_fb);
	CHECK_EQ(info.fb.green_size, 6);
}

static void test_fb_none(void)
{
	begin();
	add_mmap();
	end();
	CHECK(parse());
	CHECK(!info.have_fb);
	CHECK_STR(info.fb_problem, "");
}

static void test_fb_too_short(void)
{
	begin();
	add_fb(sizeof(struct mb2_tag_framebuffer) - 1, MB2_FB_EGA_TEXT, 16,
	       80, 25, 160);
	add_mmap();
	end();
	FB_REJECTED("too short");
	CHECK_STR(info.fb_problem, "framebuffer tag at offset 8 ignored: too short");

	begin();
	add_fb(FB_RGB_SIZE - 6, MB2_FB_RGB, 32, 1280, 800, 5120);
	add_mmap();
	end();
	FB_REJECTED("too short for its colour fields");

	begin();
	add_fb(FB_RGB_SIZE - 1, MB2_FB_RGB, 32, 1280, 800, 5120);
	add_mmap();
	end();
	FB_REJECTED("too short for its colour fields");
}

static void test_fb_indexed(void)
{
	begin();
	add_mmap();
	add_fb(FB_RGB_SIZE, MB2_FB_INDEXED, 8, 640, 480, 640);
	end();
	FB_REJECTED("indexed colours are not supported");
}

static void test_fb_no_size(void)
{
	begin();
	add_mmap();
	add_fb_text()->width = 0;
	end();
	FB_REJECTED("it has no size");

	begin();
	add_mmap();
	add_fb_rgb32()->height = 0;
	end();
	FB_REJECTED("it has no size");
}

static void test_fb_bad_depth(void)
{
	begin();
	add_mmap();
	add_fb_rgb32()->bpp = 8;
	end();
	FB_REJECTED("not 16, 24 or 32");
}

static void test_fb_pitch_too_short(void)
{
	begin();
	add_mmap();
	add_fb_rgb32()->pitch = 5116;
	end();
	FB_REJECTED("shorter than its width");

	begin();
	add_mmap();
	add_fb_text()->pitch = 158;
	end();
	FB_REJECTED("shorter than its width");
}

static void test_fb_colour_field_outside(void)
{
	struct mb2_tag_framebuffer *t;

	begin();
	add_mmap();
	fb_rgb(add_fb_rgb32())->red_pos = 30;
	end();
	FB_REJECTED("colour fields lie outside");

	/* 8-bit fields do not fit 16 bits. */
	begin();
	add_mmap();
	t = add_fb_rgb32();
	t->bpp = 16;
	t->pitch = 2560;
	end();
	FB_REJECTED("colour fields lie outside");

	begin();
	add_mmap();
	fb_rgb(add_fb_rgb32())->blue_size = 0;
	end();
	FB_REJECTED("colour fields lie outside");
}

static void test_fb_wraps(void)
{
	begin();
	add_mmap();
	add_fb_rgb32()->addr = 0xFFFFFFFFFFFFF000ull;
	end();
	FB_REJECTED("wraps around");
}

static void test_fb_second_tag(void)
{
	begin();
	add_mmap();
	add_fb_rgb32();
	add_fb_text();
	end();
	FB_REJECTED("a second one");

	/* The first one spoilt, the second good: still none. */
	begin();
	add_mmap();
	add_fb_rgb32()->bpp = 8;
	add_fb_text();
	end();
	FB_REJECTED("a second one");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_good_information),
		TEST_ENTRY(test_defaults_without_strings),
		TEST_ENTRY(test_mmap_wide_entries),
		TEST_ENTRY(test_acpi_new_preferred),
		TEST_ENTRY(test_too_many_modules),
		TEST_ENTRY(test_misaligned),
		TEST_ENTRY(test_implausible_size),
		TEST_ENTRY(test_tag_size_too_small),
		TEST_ENTRY(test_tag_overruns_total),
		TEST_ENTRY(test_missing_end_tag),
		TEST_ENTRY(test_end_tag_wrong_size),
		TEST_ENTRY(test_unterminated_cmdline),
		TEST_ENTRY(test_duplicate_cmdline),
		TEST_ENTRY(test_module_too_short),
		TEST_ENTRY(test_module_unterminated),
		TEST_ENTRY(test_module_end_before_start),
		TEST_ENTRY(test_mmap_bad_entry_size),
		TEST_ENTRY(test_mmap_body_not_multiple),
		TEST_ENTRY(test_mmap_too_many_entries),
		TEST_ENTRY(test_mmap_entry_wraps),
		TEST_ENTRY(test_no_memory_map),
		TEST_ENTRY(test_acpi_tag_too_short),
		TEST_ENTRY(test_fb_ega_text),
		TEST_ENTRY(test_fb_text_outside_window),
		TEST_ENTRY(test_fb_rgb),
		TEST_ENTRY(test_fb_rgb16),
		TEST_ENTRY(test_fb_none),
		TEST_ENTRY(test_fb_too_short),
		TEST_ENTRY(test_fb_indexed),
		TEST_ENTRY(test_fb_no_size),
		TEST_ENTRY(test_fb_bad_depth),
		TEST_ENTRY(test_fb_pitch_too_short),
		TEST_ENTRY(test_fb_colour_field_outside),
		TEST_ENTRY(test_fb_wraps),
		TEST_ENTRY(test_fb_second_tag),
	};
	return check_main("mb2", tests, sizeof(tests) / sizeof(tests[0]));
}
