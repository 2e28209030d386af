/* ACPI tables in simulated memory: RSDP search, MADT CPUs, FADT/DSDT \_S5. */
#include <x86/acpi.h>
#include <hv/acpi.h>
#include "check.h"
#include "sim_phys.h"

#define RSDT_PA     0x100000u
#define XSDT_PA     0x101000u
#define MADT_PA     0x102000u
#define FADT_PA     0x103000u
#define DSDT_PA     0x104000u
#define LAPIC_BASE  0xFEE00000u
#define PM1A_CNT    0x604u

static struct acpi_info info;
static struct acpi_rsdp rsdp;

static uint8_t sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *b++);
	return s;
}

/* Sets *field so that the n bytes at p add up to zero. */
static void fix_checksum(uint8_t *field, const void *p, size_t n)
{
	*field = 0;
	*field = (uint8_t)(0 - sum(p, n));
}

static struct acpi_sdt *sdt_at(uint32_t pa, const char *sig, uint32_t len)
{
	struct acpi_sdt *h = sim_ptr(pa);

	memset(h, 0, len);
	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	memcpy(h->oem_id, "TESTER", 6);
	return h;
}

static void seal(struct acpi_sdt *h)
{
	fix_checksum(&h->checksum, h, h->length);
}

/* Spoils a sealed table's checksum without touching its header fields. */
static void spoil(uint32_t pa)
{
	struct acpi_sdt *h = sim_ptr(pa);

	h->oem_revision++;
}

static void make_rsdt(const uint32_t *tables, unsigned n)
{
	struct acpi_sdt *h = sdt_at(RSDT_PA, ACPI_SIG_RSDT, 36 + 4 * n);

	memcpy(h + 1, tables, 4 * n);
	seal(h);
}

static void make_xsdt(const uint64_t *tables, unsigned n)
{
	struct acpi_sdt *h = sdt_at(XSDT_PA, ACPI_SIG_XSDT, 36 + 8 * n);

	memcpy(h + 1, tables, 8 * n);
	seal(h);
}

static struct acpi_sdt *madt;

static void madt_begin(void)
{
	struct acpi_madt *m;

	madt = sdt_at(MADT_PA, ACPI_SIG_MADT, sizeof(*m));
	m = (void *)madt;
	m->lapic_address = LAPIC_BASE;
	m->flags = 1;
}

static void madt_add(const void *e, uint8_t len)
{
	memcpy((uint8_t *)madt + madt->length, e, len);
	madt->length += len;
}

static void madt_lapic(uint8_t id, uint32_t flags)
{
	struct madt_lapic l = { MADT_LAPIC, sizeof(l), id, id, flags };

	madt_add(&l, sizeof(l));
}

static void madt_x2apic(uint32_t id, uint32_t flags)
{
	struct madt_x2apic x = { MADT_X2APIC, sizeof(x), 0, id, flags, id };

	madt_add(&x, sizeof(x));
}

/* Enabled, online-capable and disabled LAPICs, x2APICs, an I/O APIC. */
static void make_madt(void)
{
	static const uint8_t ioapic[12] = { 1, 12, 0, 0, 0, 0, 0xC0, 0xFE };

	madt_begin();
	madt_lapic(0, MADT_LAPIC_ENABLED);
	madt_lapic(1, MADT_LAPIC_ENABLED);
	madt_lapic(2, 0);
	madt_lapic(3, MADT_LAPIC_ONLINE_CAPABLE);
	madt_add(ioapic, sizeof(ioapic));
	madt_lapic(4, 0);
	madt_x2apic(0x100, MADT_LAPIC_ENABLED);
	madt_x2apic(0x101, 0);
	seal(madt);
}

static void make_fadt(uint32_t pm1a, uint32_t dsdt)
{
	struct acpi_sdt *h = sdt_at(FADT_PA, ACPI_SIG_FADT, 116);
	struct acpi_fadt *f = (void *)h;

	f->dsdt = dsdt;
	f->pm1a_cnt_blk = pm1a;
	f->pm1b_cnt_blk = 0;
	f->pm1a_evt_blk = 0x600;
	seal(h);
}

static void make_dsdt(const uint8_t *aml, uint32_t len)
{
	struct acpi_sdt *h = sdt_at(DSDT_PA, ACPI_SIG_DSDT, 36 + len);

	memcpy(h + 1, aml, len);
	seal(h);
}

/* A decoy "_S5_" string, then Name(_S5_, Package(4){5, 6, 0, 0}). */
static const uint8_t aml_s5[] = {
	0x10, 0x0B, '_', 'S', 'B', '_', 0x5B, 0x82, 0x05, 'P', 'C', 'I', '0',
	0x0D, '_', 'S', '5', '_', 0x00,
	0x08, '_', 'S', '5', '_', 0x12, 0x0A, 0x04,
	0x0A, 0x05, 0x0A, 0x06, 0x00, 0x00,
	0x14, 0x08, '_', 'P', 'T', 'S', 0x01, 0xA3,
};

static void make_rsdp_at(struct acpi_rsdp *r, unsigned revision,
			 const char *oem)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->signature, ACPI_SIG_RSDP, 8);
	memcpy(r->oem_id, oem, 6);
	r->revision = (uint8_t)revision;
	r->rsdt_address = RSDT_PA;
	if (revision >= 2) {
		r->length = sizeof(*r);
		r->xsdt_address = XSDT_PA;
	}
	fix_checksum(&r->checksum, r, ACPI_RSDP_V1_LEN);
	if (revision >= 2)
		fix_checksum(&r->ext_checksum, r, sizeof(*r));
}

/* The whole set: both roots list the MADT and the FADT. */
static void make_scene(void)
{
	static const uint32_t rsdt[] = { MADT_PA, FADT_PA };
	static const uint64_t xsdt[] = { MADT_PA, FADT_PA };

	sim_reset();
	make_madt();
	make_fadt(PM1A_CNT, DSDT_PA);
	make_dsdt(aml_s5, sizeof(aml_s5));
	make_rsdt(rsdt, 2);
	make_xsdt(xsdt, 2);
}

static void test_rsdp_v1_rsdt(void)
{
	make_scene();
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(info.found);
	CHECK_EQ(info.revision, 0);
	CHECK_STR(info.oem, "BOCHS");
	CHECK(info.have_madt);
	CHECK_EQ(info.lapic_base, LAPIC_BASE);
	CHECK_STR(info.warning, "");
}

static void test_madt_cpus(void)
{
	make_scene();
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	/* Enabled (0, 1, x2APIC 0x100) plus online-capable (3). */
	CHECK_EQ(info.ncpus, 4);
	CHECK_EQ(info.apic_ids[0], 0);
	CHECK_EQ(info.apic_ids[1], 1);
	CHECK_EQ(info.apic_ids[2], 3);
	CHECK_EQ(info.apic_ids[3], 0x100);
}

static void test_s5_from_fadt_and_dsdt(void)
{
	make_scene();
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK_EQ(info.poweroff.pm1a_cnt, PM1A_CNT);
	CHECK_EQ(info.poweroff.pm1b_cnt, 0);
	CHECK(info.poweroff.valid);
	CHECK_EQ(info.poweroff.slp_typa, 5);
	CHECK_EQ(info.poweroff.slp_typb, 6);
}

static void test_rsdp_v2_prefers_xsdt(void)
{
	static const uint32_t rsdt_fadt_only[] = { FADT_PA };

	make_scene();
	make_rsdt(rsdt_fadt_only, 1);
	make_rsdp_at(&rsdp, 2, "QEMU  ");
	acpi_parse(&rsdp, sizeof(rsdp), &info);
	CHECK(info.found);
	CHECK_EQ(info.revision, 2);
	CHECK_STR(info.oem, "QEMU");
	CHECK(info.have_madt);      /* only the XSDT lists it */
	CHECK_EQ(info.ncpus, 4);
	CHECK(info.poweroff.valid);
	CHECK_STR(info.warning, "");

	/* A 20-byte copy of it has no XSDT address: the RSDT is used. */
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(info.found);
	CHECK(!info.have_madt);
	CHECK(info.poweroff.valid);
}

static void test_bad_xsdt_falls_back(void)
{
	make_scene();
	spoil(XSDT_PA);
	make_rsdp_at(&rsdp, 2, "QEMU  ");
	acpi_parse(&rsdp, sizeof(rsdp), &info);
	CHECK(info.found);
	CHECK(strstr(info.warning, "XSDT") != NULL);
	CHECK(strstr(info.warning, "checksum") != NULL);
	CHECK(info.have_madt);
	CHECK_EQ(info.ncpus, 4);
}

static void test_bad_table_checksum_skipped(void)
{
	make_scene();
	spoil(MADT_PA);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(info.found);
	CHECK(!info.have_madt);
	CHECK_EQ(info.ncpus, 0);
	CHECK(strstr(info.warning, "checksum") != NULL);
	CHECK(info.poweroff.valid);     /* the FADT after it still counts */
}

static void test_bad_dsdt_skipped(void)
{
	make_scene();
	spoil(DSDT_PA);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK_EQ(info.poweroff.pm1a_cnt, PM1A_CNT);
	CHECK(!info.poweroff.valid);
	CHECK(strstr(info.warning, "DSDT") != NULL);
	CHECK(strstr(info.warning, "checksum") != NULL);

	make_fadt(PM1A_CNT, MADT_PA);   /* points at the wrong table */
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(!info.poweroff.valid);
	CHECK(strstr(info.warning, "signature") != NULL);
}

/* Parses the scene with the DSDT replaced by aml. */
static void parse_with_dsdt(const uint8_t *aml, uint32_t len)
{
	make_scene();
	make_dsdt(aml, len);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
}

static void test_s5_zero_one_root_prefix(void)
{
	static const uint8_t aml[] = {
		0x08, '\\', '_', 'S', '5', '_', 0x12, 0x06, 0x04,
		0x00, 0x01, 0x00, 0x00,
	};

	parse_with_dsdt(aml, sizeof(aml));
	CHECK(info.poweroff.valid);
	CHECK_EQ(info.poweroff.slp_typa, 0);
	CHECK_EQ(info.poweroff.slp_typb, 1);
}

static void test_s5_two_byte_pkglen(void)
{
	static const uint8_t aml[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x40, 0x01, 0x04,
		0x0A, 0x07, 0x01, 0x00, 0x00,
	};

	parse_with_dsdt(aml, sizeof(aml));
	CHECK(info.poweroff.valid);
	CHECK_EQ(info.poweroff.slp_typa, 7);
	CHECK_EQ(info.poweroff.slp_typb, 1);
}

static void test_s5_absent_or_broken(void)
{
	static const uint8_t none[] = {
		0x08, '_', 'S', '4', '_', 0x12, 0x06, 0x04, 0x0A, 0x04, 0x0A, 0x04,
		0x0D, '_', 'S', '5', '_', 0x00,
	};
	static const uint8_t truncated[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0A, 0x05,
	};
	static const uint8_t not_package[] = {
		0x08, '_', 'S', '5', '_', 0x0A, 0x05, 0x00, 0x00,
	};
	static const uint8_t odd_element[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0B, 0x05, 0x00,
		0x00, 0x00,
	};

	parse_with_dsdt(none, sizeof(none));
	CHECK(!info.poweroff.valid);
	parse_with_dsdt(truncated, sizeof(truncated));
	CHECK(!info.poweroff.valid);
	parse_with_dsdt(not_package, sizeof(not_package));
	CHECK(!info.poweroff.valid);
	parse_with_dsdt(odd_element, sizeof(odd_element));
	CHECK(!info.poweroff.valid);
	CHECK_STR(info.warning, "");
}

static void test_s5_needs_pm1a(void)
{
	make_scene();
	make_fadt(0, DSDT_PA);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK_EQ(info.poweroff.pm1a_cnt, 0);
	CHECK(!info.poweroff.valid);
}

static void test_madt_cpu_limit(void)
{
	static const uint32_t rsdt[] = { MADT_PA };
	unsigned i;

	sim_reset();
	madt_begin();
	for (i = 0; i < ACPI_MAX_CPUS + 20; i++)
		madt_lapic((uint8_t)i, MADT_LAPIC_ENABLED);
	seal(madt);
	make_rsdt(rsdt, 1);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK_EQ(info.ncpus, ACPI_MAX_CPUS);
	CHECK_EQ(info.apic_ids[ACPI_MAX_CPUS - 1], (ACPI_MAX_CPUS - 1) & 0xFF);
}

static void test_madt_bad_entry_stops(void)
{
	static const uint32_t rsdt[] = { MADT_PA };
	static const uint8_t zero_length[2] = { MADT_LAPIC, 0 };

	sim_reset();
	madt_begin();
	madt_lapic(7, MADT_LAPIC_ENABLED);
	madt_add(zero_length, sizeof(zero_length));
	madt_lapic(8, MADT_LAPIC_ENABLED);
	seal(madt);
	make_rsdt(rsdt, 1);
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(info.have_madt);
	CHECK_EQ(info.ncpus, 1);
	CHECK_EQ(info.apic_ids[0], 7);

	/* An entry claiming to run past the end of the table. */
	madt_begin();
	madt_lapic(7, MADT_LAPIC_ENABLED);
	madt_lapic(8, MADT_LAPIC_ENABLED);
	((uint8_t *)madt)[madt->length - 7] = 16;
	seal(madt);
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK_EQ(info.ncpus, 1);
}

static void test_bad_rsdp_nothing_in_bios(void)
{
	make_scene();
	make_rsdp_at(&rsdp, 0, "BOCHS ");
	rsdp.checksum++;
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(!info.found);
	CHECK(!info.have_madt);
	CHECK(!info.poweroff.valid);

	make_rsdp_at(&rsdp, 2, "BOCHS ");
	rsdp.ext_checksum++;            /* a bad 2.0 part spoils it too */
	acpi_parse(&rsdp, sizeof(rsdp), &info);
	CHECK(!info.found);

	acpi_parse(NULL, 0, &info);
	CHECK(!info.found);
}

static void test_bios_area_search(void)
{
	make_scene();
	make_rsdp_at(sim_ptr(0xE1230), 2, "ROMROM");
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "ROMROM");
	CHECK_EQ(info.revision, 2);
	CHECK_EQ(info.ncpus, 4);
	CHECK(info.poweroff.valid);

	/* A bad copy from the loader: the BIOS area's is used instead. */
	make_rsdp_at(&rsdp, 0, "LOADER");
	rsdp.checksum++;
	acpi_parse(&rsdp, ACPI_RSDP_V1_LEN, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "ROMROM");
}

static void test_bios_area_edges(void)
{
	make_scene();
	make_rsdp_at(sim_ptr(0xE0008), 0, "MISALN");    /* not on 16 bytes */
	acpi_parse(NULL, 0, &info);
	CHECK(!info.found);

	make_scene();
	make_rsdp_at(sim_ptr(0xE0000), 0, "FIRST ");
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "FIRST");

	make_scene();
	make_rsdp_at(sim_ptr(0xFFFD0), 0, "LAST  ");
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "LAST");

	make_scene();
	make_rsdp_at(sim_ptr(0xDFFF0), 0, "BELOW ");    /* outside the area */
	acpi_parse(NULL, 0, &info);
	CHECK(!info.found);
}

static void test_ebda_search(void)
{
	uint16_t seg = 0x9FC0;

	make_scene();
	memcpy(sim_ptr(0x40E), &seg, sizeof(seg));
	make_rsdp_at(sim_ptr(0x9FC00 + 0x40), 0, "EBDA  ");
	make_rsdp_at(sim_ptr(0xF0000), 0, "ROM   ");
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "EBDA");        /* the EBDA is searched first */
	CHECK_EQ(info.ncpus, 4);

	memset(sim_ptr(0x9FC00 + 0x40), 0, sizeof(struct acpi_rsdp));
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "ROM");

	memset(sim_ptr(0xF0000), 0, sizeof(struct acpi_rsdp));
	make_rsdp_at(sim_ptr(0x9FC00 + 1024 - 48), 0, "EBDEND");
	acpi_parse(NULL, 0, &info);
	CHECK(info.found);
	CHECK_STR(info.oem, "EBDEND");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_rsdp_v1_rsdt),
		TEST_ENTRY(test_madt_cpus),
		TEST_ENTRY(test_s5_from_fadt_and_dsdt),
		TEST_ENTRY(test_rsdp_v2_prefers_xsdt),
		TEST_ENTRY(test_bad_xsdt_falls_back),
		TEST_ENTRY(test_bad_table_checksum_skipped),
		TEST_ENTRY(test_bad_dsdt_skipped),
		TEST_ENTRY(test_s5_zero_one_root_prefix),
		TEST_ENTRY(test_s5_two_byte_pkglen),
		TEST_ENTRY(test_s5_absent_or_broken),
		TEST_ENTRY(test_s5_needs_pm1a),
		TEST_ENTRY(test_madt_cpu_limit),
		TEST_ENTRY(test_madt_bad_entry_stops),
		TEST_ENTRY(test_bad_rsdp_nothing_in_bios),
		TEST_ENTRY(test_bios_area_search),
		TEST_ENTRY(test_bios_area_edges),
		TEST_ENTRY(test_ebda_search),
	};
	return check_main("acpi", tests, sizeof(tests) / sizeof(tests[0]));
}
