#include <x86/acpi.h>
#include <lib/fmt.h>
#include "acpi.h"

#define BIOS_ROM_START  0xE0000u
#define BIOS_ROM_END    0x100000u
#define EBDA_PTR        0x40Eu      /* segment of the extended BIOS data area */
#define EBDA_SCAN_LEN   1024u
#define RSDP_ALIGN      16u

static bool same(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static uint8_t checksum(const void *p, uint32_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *b++);
	return sum;
}

static bool rsdp_valid(const struct acpi_rsdp *r, uint32_t len)
{
	if (len < ACPI_RSDP_V1_LEN || !same(r->signature, ACPI_SIG_RSDP, 8) ||
	    checksum(r, ACPI_RSDP_V1_LEN) != 0)
		return false;
	if (r->revision >= 2 && len >= sizeof(*r) && r->length >= sizeof(*r))
		return checksum(r, sizeof(*r)) == 0;
	return true;
}

static const struct acpi_rsdp *scan_for_rsdp(uint32_t start, uint32_t end)
{
	const uint8_t *area = acpi_phys(start, end - start);
	uint32_t off;

	if (!area)
		return NULL;
	for (off = 0; off + sizeof(struct acpi_rsdp) <= end - start;
	     off += RSDP_ALIGN)
		if (rsdp_valid((const void *)(area + off), sizeof(struct acpi_rsdp)))
			return (const void *)(area + off);
	return NULL;
}

static const struct acpi_rsdp *find_rsdp(void)
{
	const uint16_t *ebda_seg = acpi_phys(EBDA_PTR, sizeof(uint16_t));
	const struct acpi_rsdp *r = NULL;

	if (ebda_seg && *ebda_seg)
		r = scan_for_rsdp((uint32_t)*ebda_seg << 4,
				  ((uint32_t)*ebda_seg << 4) + EBDA_SCAN_LEN);
	return r ? r : scan_for_rsdp(BIOS_ROM_START, BIOS_ROM_END);
}

/* A whole table after checking its header and checksum; NULL if bad. */
static const struct acpi_sdt *load_table(struct acpi_info *info, uint64_t pa,
					 const char *want)
{
	const struct acpi_sdt *h = acpi_phys(pa, sizeof(*h));
	const char *problem = NULL;
	uint32_t len;

	if (!h) {
		problem = "out of reach";
	} else if (want && !same(h->signature, want, 4)) {
		problem = "wrong signature";
	} else if (h->length < sizeof(*h)) {
		problem = "too short";
	} else {
		len = h->length;
		h = acpi_phys(pa, len);
		if (!h)
			problem = "out of reach";
		else if (checksum(h, len) != 0)
			problem = "bad checksum";
	}
	if (problem) {
		fmt_snprintf(info->warning, sizeof(info->warning),
			     "ACPI table %.4s at 0x%llx skipped: %s",
			     want ? want : "?", (unsigned long long)pa, problem);
		return NULL;
	}
	return h;
}

static void parse_madt(struct acpi_info *info, const struct acpi_sdt *sdt)
{
	const struct acpi_madt *madt = (const void *)sdt;
	const uint8_t *p = (const uint8_t *)madt + sizeof(*madt);
	const uint8_t *end = (const uint8_t *)sdt + sdt->length;

	if (sdt->length < sizeof(*madt))
		return;
	info->have_madt = true;
	info->lapic_base = madt->lapic_address;
	while (p + sizeof(struct madt_entry) <= end) {
		const struct madt_entry *e = (const void *)p;
		uint32_t flags = 0, id = 0;
		bool cpu = false;

		if (e->length < sizeof(*e) || p + e->length > end)
			break;
		if (e->type == MADT_LAPIC && e->length >= sizeof(struct madt_lapic)) {
			const struct madt_lapic *l = (const void *)p;
			flags = l->flags;
			id = l->apic_id;
			cpu = true;
		} else if (e->type == MADT_X2APIC &&
			   e->length >= sizeof(struct madt_x2apic)) {
			const struct madt_x2apic *x = (const void *)p;
			flags = x->flags;
			id = x->x2apic_id;
			cpu = true;
		}
		if (cpu && (flags & (MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE)) &&
		    info->ncpus < ACPI_MAX_CPUS)
			info->apic_ids[info->ncpus++] = id;
		p += e->length;
	}
}

/* One element of the \_S5 package: a byte constant, Zero or One. */
static const uint8_t *aml_byte(const uint8_t *p, const uint8_t *end,
			       uint8_t *out)
{
	if (p < end && *p == AML_BYTE_PREFIX && p + 1 < end) {
		*out = p[1];
		return p + 2;
	}
	if (p < end && (*p == AML_ZERO_OP || *p == AML_ONE_OP)) {
		*out = *p;
		return p + 1;
	}
	return NULL;
}

/* Finds "Name(_S5_, Package(){a, b, ...})" in the DSDT's AML. */
static void parse_s5(struct acpi_info *info, const struct acpi_sdt *dsdt)
{
	const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
	const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

	for (; p + 4 < end; p++) {
		const uint8_t *q;
		unsigned pkglen_bytes;

		if (!same((const char *)p, "_S5_", 4))
			continue;
		if (!(p[-1] == AML_NAME_OP ||
		      (p[-1] == '\\' && p - 2 >= (const uint8_t *)dsdt &&
		       p[-2] == AML_NAME_OP)))
			continue;
		q = p + 4;
		if (q >= end || *q++ != AML_PACKAGE_OP || q >= end)
			return;
		pkglen_bytes = (*q >> 6) + 1u;   /* PkgLength encoding */
		q += pkglen_bytes + 1;           /* and NumElements */
		q = aml_byte(q, end, &info->poweroff.slp_typa);
		if (!q)
			return;
		q = aml_byte(q, end, &info->poweroff.slp_typb);
		info->poweroff.valid = q != NULL;
		return;
	}
}

static void parse_fadt(struct acpi_info *info, const struct acpi_sdt *sdt)
{
	const struct acpi_fadt *fadt = (const void *)sdt;
	const struct acpi_sdt *dsdt;

	if (sdt->length < sizeof(*fadt))
		return;
	info->poweroff.pm1a_cnt = (uint16_t)fadt->pm1a_cnt_blk;
	info->poweroff.pm1b_cnt = (uint16_t)fadt->pm1b_cnt_blk;
	dsdt = load_table(info, fadt->dsdt, ACPI_SIG_DSDT);
	if (dsdt && info->poweroff.pm1a_cnt)
		parse_s5(info, dsdt);
}

static void parse_root(struct acpi_info *info, const struct acpi_sdt *root,
		       unsigned entry_size)
{
	const uint8_t *entries = (const uint8_t *)root + sizeof(*root);
	unsigned i, n = (root->length - sizeof(*root)) / entry_size;

	for (i = 0; i < n; i++) {
		uint64_t pa = 0;
		const struct acpi_sdt *h;

		if (entry_size == 8)
			__builtin_memcpy(&pa, entries + i * 8, 8);
		else
			__builtin_memcpy(&pa, entries + i * 4, 4);
		h = load_table(info, pa, NULL);
		if (!h)
			continue;
		if (same(h->signature, ACPI_SIG_MADT, 4) && !info->have_madt)
			parse_madt(info, h);
		else if (same(h->signature, ACPI_SIG_FADT, 4))
			parse_fadt(info, h);
	}
}

void acpi_parse(const void *rsdp_copy, uint32_t rsdp_len, struct acpi_info *info)
{
	const struct acpi_rsdp *rsdp = rsdp_copy;
	const struct acpi_sdt *root;
	unsigned i;

	*info = (struct acpi_info){ 0 };
	if (!rsdp || !rsdp_valid(rsdp, rsdp_len)) {
		rsdp = find_rsdp();
		rsdp_len = sizeof(*rsdp);
	}
	if (!rsdp)
		return;
	info->found = true;
	info->revision = rsdp->revision;
	__builtin_memcpy(info->oem, rsdp->oem_id, 6);
	info->oem[6] = '\0';
	for (i = 6; i > 0 && info->oem[i - 1] == ' '; i--)
		info->oem[i - 1] = '\0';
	if (rsdp->revision >= 2 && rsdp_len >= sizeof(*rsdp) && rsdp->xsdt_address) {
		root = load_table(info, rsdp->xsdt_address, ACPI_SIG_XSDT);
		if (root) {
			parse_root(info, root, 8);
			return;
		}
	}
	root = load_table(info, rsdp->rsdt_address, ACPI_SIG_RSDT);
	if (root)
		parse_root(info, root, 4);
}
