/* Planning a guest ELF load: a good image, and each refusal with its reason. */
#include <stdint.h>
#include <string.h>
#include <elf32.h>
#include <guests/abi.h>
#include <hv/elf.h>
#include "check.h"

#define MEM_BYTES       (16u << 20)
#define RESERVED        HV_BOOT_INFO_GPA
#define PT_NOTE         4
#define PT_GNU_STACK    0x6474E551u
#define EM_X86_64       62
#define ET_DYN          3

static uint8_t buf[0x4000];
static uint32_t size;                   /* the image: buf[0, size) */
static struct elf_plan plan;
static char err[160];

static struct elf32_ehdr *ehdr(void)
{
	return (struct elf32_ehdr *)buf;
}

/* A valid header with no program headers yet; the table follows it. */
static void begin(void)
{
	struct elf32_ehdr *h = ehdr();

	memset(buf, 0, sizeof(buf));
	memset(&plan, 0xA5, sizeof(plan));
	memset(err, 0, sizeof(err));
	h->e_ident[0] = ELFMAG0;
	h->e_ident[1] = 'E';
	h->e_ident[2] = 'L';
	h->e_ident[3] = 'F';
	h->e_ident[4] = ELFCLASS32;
	h->e_ident[5] = ELFDATA2LSB;
	h->e_ident[6] = EV_CURRENT;
	h->e_type = ET_EXEC;
	h->e_machine = EM_386;
	h->e_version = EV_CURRENT;
	h->e_entry = 0x100000;
	h->e_phoff = sizeof(*h);
	h->e_ehsize = sizeof(*h);
	h->e_phentsize = sizeof(struct elf32_phdr);
	h->e_phnum = 0;
	size = sizeof(buf);
}

/* Appends a program header to the table at e_phoff. */
static struct elf32_phdr *add_phdr(uint32_t type, uint32_t offset,
				   uint32_t filesz, uint32_t paddr,
				   uint32_t memsz)
{
	struct elf32_ehdr *h = ehdr();
	struct elf32_phdr *ph = (void *)(buf + h->e_phoff +
					 h->e_phnum * sizeof(*ph));

	ph->p_type = type;
	ph->p_offset = offset;
	ph->p_filesz = filesz;
	ph->p_vaddr = 0xC0000000u + paddr;      /* ignored: physical loads */
	ph->p_paddr = paddr;
	ph->p_memsz = memsz;
	ph->p_flags = PF_R | PF_X;
	ph->p_align = PAGE_SIZE;
	h->e_phnum++;
	return ph;
}

static void add_load(uint32_t offset, uint32_t filesz, uint32_t paddr,
		     uint32_t memsz)
{
	add_phdr(PT_LOAD, offset, filesz, paddr, memsz);
}

/* One ordinary segment holding the default entry point. */
static void add_text(void)
{
	add_load(0x1000, 0x800, 0x100000, 0x1000);
}

static const char *plan_image(void)
{
	return elf_plan(buf, size, MEM_BYTES, RESERVED, &plan, err,
			sizeof(err));
}

static bool accepted(void)
{
	const char *why = plan_image();

	if (why)
		fprintf(stderr, "  refused: %s\n", why);
	return why == NULL;
}

#define REFUSED(needle)                                                \
	do {                                                           \
		const char *why_ = plan_image();                       \
		CHECK(why_ != NULL);                                   \
		CHECK(why_ == err);                                    \
		CHECK(strstr(err, (needle)) != NULL);                  \
	} while (0)

static void test_good_image(void)
{
	begin();
	ehdr()->e_entry = 0x100010;
	add_load(0x1000, 0x800, 0x100000, 0x1000);              /* text */
	add_phdr(PT_NOTE, 0xFFFFFF00, 0x1000, 0xFFFFF000, 0x10);  /* bogus */
	add_load(0x2000, 0x100, 0x102000, 0x5000);              /* data+bss */
	add_phdr(PT_GNU_STACK, 0, 0, 0, 0);
	add_load(0, 0, 0x200000, 0x3000);                       /* bss only */
	add_phdr(0x70000000, 0x7FFFFFFF, 0x7FFFFFFF, RESERVED, 1);
	add_load(0x3000, 0x1000, 0x300000, 0x1000);             /* to EOF */
	CHECK(accepted());
	CHECK_EQ(plan.entry, 0x100010);
	CHECK_EQ(plan.nsegments, 4);
	CHECK_EQ(plan.seg[0].file_offset, 0x1000);
	CHECK_EQ(plan.seg[0].file_size, 0x800);
	CHECK_EQ(plan.seg[0].gpa, 0x100000);
	CHECK_EQ(plan.seg[0].mem_size, 0x1000);
	CHECK_EQ(plan.seg[1].file_offset, 0x2000);
	CHECK_EQ(plan.seg[1].file_size, 0x100);
	CHECK_EQ(plan.seg[1].gpa, 0x102000);
	CHECK_EQ(plan.seg[1].mem_size, 0x5000);
	CHECK_EQ(plan.seg[2].file_offset, 0);
	CHECK_EQ(plan.seg[2].file_size, 0);
	CHECK_EQ(plan.seg[2].gpa, 0x200000);
	CHECK_EQ(plan.seg[2].mem_size, 0x3000);
	CHECK_EQ(plan.seg[3].file_offset, 0x3000);
	CHECK_EQ(plan.seg[3].file_size, 0x1000);
	CHECK_EQ(plan.seg[3].gpa, 0x300000);
	CHECK_EQ(plan.seg[3].mem_size, 0x1000);
}

/* The entry point may be in any segment, at its first or last byte. */
static void test_entry_in_any_segment(void)
{
	static const uint32_t entries[] = {
		0x100000, 0x100FFF, 0x102000, 0x106FFF, 0x200800,
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		begin();
		ehdr()->e_entry = entries[i];
		add_load(0x1000, 0x800, 0x100000, 0x1000);
		add_load(0x2000, 0x100, 0x102000, 0x5000);
		add_load(0, 0, 0x200000, 0x1000);
		CHECK(accepted());
		CHECK_EQ(plan.entry, entries[i]);
		CHECK_EQ(plan.nsegments, 3);
	}
}

/* The program header table need not follow the ELF header. */
static void test_phdrs_elsewhere(void)
{
	begin();
	ehdr()->e_phoff = 0x3F00;
	add_text();
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, 1);

	/* A table ending exactly at the end of the file. */
	begin();
	ehdr()->e_phoff = sizeof(buf) - 2 * sizeof(struct elf32_phdr);
	add_text();
	add_load(0x2000, 0, 0x400000, 0x1000);
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, 2);
}

/* Edges that are still acceptable. */
static void test_edges_accepted(void)
{
	/* A segment ending exactly at the end of guest memory. */
	begin();
	add_text();
	add_load(0x2000, 0x1000, MEM_BYTES - 0x2000, 0x2000);
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, 2);

	/* filesz == memsz, up to the last byte of the file. */
	begin();
	add_text();
	add_load(sizeof(buf) - 0x800, 0x800, 0x400000, 0x800);
	CHECK(accepted());

	/* No file bytes, at the very end of the file. */
	begin();
	add_text();
	add_load(sizeof(buf), 0, 0x400000, 0x1000);
	CHECK(accepted());

	/* Adjacent to the boot-info page on either side. */
	begin();
	ehdr()->e_entry = 0x0;
	add_load(0x1000, 0x100, 0, RESERVED);
	add_load(0x2000, 0x100, RESERVED + PAGE_SIZE, 0x1000);
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, 2);
	CHECK_EQ(plan.seg[0].gpa, 0);
	CHECK_EQ(plan.seg[0].mem_size, RESERVED);
	CHECK_EQ(plan.seg[1].gpa, RESERVED + PAGE_SIZE);

	/* Exactly ELF_MAX_SEGMENTS loadable segments. */
	begin();
	{
		unsigned i;

		for (i = 0; i < ELF_MAX_SEGMENTS; i++)
			add_load(0x1000, 0x100, 0x100000 + i * 0x1000, 0x1000);
	}
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, ELF_MAX_SEGMENTS);
	CHECK_EQ(plan.seg[ELF_MAX_SEGMENTS - 1].gpa,
		 0x100000 + (ELF_MAX_SEGMENTS - 1) * 0x1000);
}

static void test_too_small(void)
{
	begin();
	add_text();
	size = sizeof(struct elf32_ehdr) - 1;
	REFUSED("too small");
	CHECK(strstr(err, "51") != NULL);
	size = 0;
	REFUSED("too small");
}

static void test_bad_magic(void)
{
	unsigned i;

	for (i = 0; i < 4; i++) {
		begin();
		add_text();
		buf[i] ^= 0x20;
		REFUSED("not an ELF file");
	}
}

static void test_wrong_class_endian_machine(void)
{
	begin();
	add_text();
	buf[4] = 2;                     /* ELFCLASS64 */
	REFUSED("not a 32-bit little-endian i386");

	begin();
	add_text();
	buf[4] = 0;                     /* ELFCLASSNONE */
	REFUSED("not a 32-bit little-endian i386");

	begin();
	add_text();
	buf[5] = 2;                     /* ELFDATA2MSB */
	REFUSED("not a 32-bit little-endian i386");

	begin();
	add_text();
	ehdr()->e_machine = EM_X86_64;
	REFUSED("not a 32-bit little-endian i386");

	begin();
	add_text();
	ehdr()->e_machine = 0;
	REFUSED("not a 32-bit little-endian i386");
}

static void test_bad_version(void)
{
	begin();
	add_text();
	buf[6] = 0;
	REFUSED("unknown ELF version");

	begin();
	add_text();
	ehdr()->e_version = 2;
	REFUSED("unknown ELF version");

	begin();
	add_text();
	ehdr()->e_version = 0;
	REFUSED("unknown ELF version");
}

static void test_not_executable(void)
{
	begin();
	add_text();
	ehdr()->e_type = ET_DYN;
	REFUSED("not an executable");
	CHECK(strstr(err, "type 3") != NULL);

	begin();
	add_text();
	ehdr()->e_type = 1;             /* ET_REL */
	REFUSED("not an executable");
}

static void test_wrong_phentsize(void)
{
	begin();
	add_text();
	ehdr()->e_phentsize = 56;       /* ELF64 */
	REFUSED("program header size 56");
	CHECK(strstr(err, "expected 32") != NULL);

	begin();
	add_text();
	ehdr()->e_phentsize = 0;
	REFUSED("program header size 0");
}

static void test_no_program_headers(void)
{
	begin();
	REFUSED("no program headers");
}

static void test_phdrs_past_end(void)
{
	/* The table starts past the end. */
	begin();
	add_text();
	ehdr()->e_phoff = size + 1;
	REFUSED("program headers run past the end");

	begin();
	add_text();
	ehdr()->e_phoff = 0xFFFFFFF0;   /* phoff + 32 wraps in 32 bits */
	REFUSED("program headers run past the end");

	/* Starts at the end. */
	begin();
	add_text();
	ehdr()->e_phoff = size;
	REFUSED("program headers run past the end");

	/* Ends one byte past the end. */
	begin();
	add_text();
	size = ehdr()->e_phoff + sizeof(struct elf32_phdr) - 1;
	REFUSED("program headers run past the end");

	/* A huge count: 65535 * 32 bytes from a 16 KiB file. */
	begin();
	add_text();
	ehdr()->e_phnum = 0xFFFF;
	REFUSED("program headers run past the end");

	begin();
	add_text();
	ehdr()->e_phnum = 0xFFFF;
	ehdr()->e_phoff = 0xFFFF0000;
	REFUSED("program headers run past the end");
}

static void test_filesz_over_memsz(void)
{
	begin();
	add_text();
	add_load(0x2000, 0x1001, 0x400000, 0x1000);
	REFUSED("segment 1 has more file bytes (4097) than memory (4096)");
}

static void test_segment_past_eof(void)
{
	begin();
	add_text();
	add_load(sizeof(buf) - 0x800, 0x801, 0x400000, 0x1000);
	REFUSED("segment 1 runs past the end of the file");

	/* offset + filesz wraps 32 bits. */
	begin();
	add_text();
	add_load(0xFFFFFF00, 0x200, 0x400000, 0x1000);
	REFUSED("segment 1 runs past the end of the file");

	begin();
	add_text();
	add_load(0x100, 0xFFFFFFF0, 0x400000, 0xFFFFFFF0);
	REFUSED("segment 1 runs past the end of the file");

	/* Offset past the end even with no file bytes. */
	begin();
	add_text();
	add_load(sizeof(buf) + 1, 0, 0x400000, 0x1000);
	REFUSED("segment 1 runs past the end of the file");
}

static void test_segment_outside_memory(void)
{
	begin();
	add_text();
	add_load(0x2000, 0x100, MEM_BYTES - 0x1000, 0x1001);
	REFUSED("does not fit in 16384 KiB of guest memory");
	CHECK(strstr(err, "segment 1") != NULL);

	begin();
	add_text();
	add_load(0x2000, 0, MEM_BYTES, 1);
	REFUSED("does not fit");

	/* paddr + memsz wraps 32 bits: still refused. */
	begin();
	add_text();
	add_load(0x2000, 0x100, 0xFFFFF000, 0x2000);
	REFUSED("does not fit");
	CHECK(strstr(err, "0x100001000") != NULL);

	begin();
	add_text();
	add_load(0x2000, 0x100, 0x00100000, 0xFFFFFFFF);
	REFUSED("does not fit");
}

static void test_overlaps_boot_info(void)
{
	static const uint32_t ranges[][2] = {     /* paddr, memsz */
		{ RESERVED, 1 },
		{ RESERVED, PAGE_SIZE },
		{ RESERVED - 1, 2 },
		{ RESERVED + PAGE_SIZE - 1, 1 },
		{ 0, RESERVED + 1 },
		{ 0, 0x100000 },
		{ RESERVED + 0x800, 0x10 },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		begin();
		add_text();
		add_load(0x2000, 0, ranges[i][0], ranges[i][1]);
		REFUSED("segment 1 overlaps the boot-info page at 0x1000");
	}
}

static void test_too_many_segments(void)
{
	unsigned i;

	begin();
	for (i = 0; i <= ELF_MAX_SEGMENTS; i++)
		add_load(0x1000, 0x100, 0x100000 + i * 0x1000, 0x1000);
	REFUSED("more than 16 loadable segments");

	/* Other program headers do not count. */
	begin();
	for (i = 0; i < ELF_MAX_SEGMENTS; i++) {
		add_load(0x1000, 0x100, 0x100000 + i * 0x1000, 0x1000);
		add_phdr(PT_NOTE, 0, 0, 0, 0);
	}
	CHECK(accepted());
	CHECK_EQ(plan.nsegments, ELF_MAX_SEGMENTS);
}

static void test_no_loadable_segment(void)
{
	begin();
	add_phdr(PT_NOTE, 0x1000, 0x20, 0, 0);
	add_phdr(PT_GNU_STACK, 0, 0, 0, 0);
	REFUSED("no loadable segments");
}

static void test_entry_outside(void)
{
	static const uint32_t entries[] = {
		0, 0xFFFFF, 0x101000, 0x102000, 0xFFFFFFFF,
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		begin();
		ehdr()->e_entry = entries[i];
		add_text();             /* [0x100000, 0x101000) */
		add_load(0x2000, 0, 0x103000, 0x1000);
		REFUSED("is outside every segment");
	}
	CHECK(strstr(err, "entry point 0xffffffff") != NULL);

	/* The entry may be in the zero-filled part of a segment. */
	begin();
	ehdr()->e_entry = 0x100FFF;
	add_load(0x1000, 0x10, 0x100000, 0x1000);
	CHECK(accepted());
}

/* A short error buffer gets a truncated, terminated reason. */
static void test_short_error_buffer(void)
{
	char small[12];
	const char *why;

	begin();
	memset(small, 'x', sizeof(small));
	why = elf_plan(buf, size, MEM_BYTES, RESERVED, &plan, small,
		       sizeof(small));
	CHECK(why == small);
	CHECK_STR(small, "no program ");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_good_image),
		TEST_ENTRY(test_entry_in_any_segment),
		TEST_ENTRY(test_phdrs_elsewhere),
		TEST_ENTRY(test_edges_accepted),
		TEST_ENTRY(test_too_small),
		TEST_ENTRY(test_bad_magic),
		TEST_ENTRY(test_wrong_class_endian_machine),
		TEST_ENTRY(test_bad_version),
		TEST_ENTRY(test_not_executable),
		TEST_ENTRY(test_wrong_phentsize),
		TEST_ENTRY(test_no_program_headers),
		TEST_ENTRY(test_phdrs_past_end),
		TEST_ENTRY(test_filesz_over_memsz),
		TEST_ENTRY(test_segment_past_eof),
		TEST_ENTRY(test_segment_outside_memory),
		TEST_ENTRY(test_overlaps_boot_info),
		TEST_ENTRY(test_too_many_segments),
		TEST_ENTRY(test_no_loadable_segment),
		TEST_ENTRY(test_entry_outside),
		TEST_ENTRY(test_short_error_buffer),
	};
	return check_main("elf", tests, ARRAY_SIZE(tests));
}
