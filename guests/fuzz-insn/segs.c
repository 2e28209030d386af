/*
 * The GDT the cases see: the hypervisor's fixed entries, the guest's four
 * flat segments, and a set the fuzzer adds so that selector loads and far
 * transfers meet every kind of segment: bases, conforming and
 * execute-only code, 16-bit code and stacks, read-only and tiny data,
 * ring 2, and a DPL 0 that the hypervisor raises to 1. The model keeps its
 * own copy of each entry as the hypervisor stores it (accessed bit set,
 * DPL 0 made 1, limits cut below the reserve), which is what the CPU sees.
 */
#include <x86/desc.h>
#include "hv.h"
#include "fuzz.h"

/* A type x86/desc.h has no name for. */
#define SEG_DATA_RO         0x0u

/* The hypervisor's entries; its TSS and double-fault TSS are not
 * segments. */
#define GDT_NULL_INDEX      0
#define HV_CODE_INDEX       1
#define HV_DATA_INDEX       2
#define BASED               0x00010000u     /* the based data segments' */
#define CODE_BASED          0x00400000u     /* the based code segments' */
#define SMALL_LIMIT         15u             /* a 16-byte data segment */

/*
 * The guest's four flat segments, and the entries the fuzzer installs: in
 * entries the layout leaves free (17-29 after the TSS, then 3-5 below the
 * TLS entries and 9 between them and the kernel's), with one more left
 * empty. The random bytes' data segment keeps entry 25 (fuzz.h).
 */
enum {
	GI_KCODE = HV_GDT_KERNEL_CODE, GI_KDATA = HV_GDT_KERNEL_DATA,
	GI_UCODE = HV_GDT_USER_CODE, GI_UDATA = HV_GDT_USER_DATA,
	GI_KCODE_BASED = HV_GDT_TSS + 1, GI_UCODE_BASED, GI_KCODE_CONF,
	GI_UCODE_CONF, GI_KCODE16, GI_UCODE16, GI_KCODE_XO, GI_KDATA_BASED,
	GI_RANDOM_DATA, GI_KDATA_SMALL, GI_KDATA_RO, GI_UDATA_BASED,
	GI_UDATA_RO, GI_KDATA16 = HV_GDT_FIRST_GUEST, GI_R2CODE, GI_R2DATA,
	GI_DATA_DPL0 = HV_GDT_TLS_FIRST + HV_GDT_TLS_ENTRIES, GI_EMPTY,
};

_Static_assert(GI_UDATA_RO < HV_GDT_DF_TSS && GI_R2DATA < HV_GDT_TLS_FIRST &&
	       GI_EMPTY < HV_GDT_KERNEL_CODE, "the fuzzer's entries are free");

_Static_assert(RANDOM_DATA_SEL == SEL(GI_RANDOM_DATA, 3), "fuzz.h's copy");

struct seg_spec {
	unsigned index;
	uint32_t base, limit;       /* limit in bytes; ~0 for "as far as allowed" */
	unsigned type, dpl;
	bool big;
};

static const struct seg_spec specs[] = {
	{ GI_KCODE_BASED, CODE_BASED, ~0u, SEG_CODE_RX, 1, true },
	{ GI_UCODE_BASED, CODE_BASED, ~0u, SEG_CODE_RX, 3, true },
	{ GI_KCODE_CONF, 0, ~0u, SEG_CODE_RX | SEG_TYPE_CONFORMING, 1, true },
	{ GI_UCODE_CONF, 0, ~0u, SEG_CODE_RX | SEG_TYPE_CONFORMING, 3, true },
	{ GI_KCODE16, FUZZ_PADS, 0xFFFF, SEG_CODE_RX, 1, false },
	{ GI_UCODE16, FUZZ_PADS, 0xFFFF, SEG_CODE_RX, 3, false },
	{ GI_KCODE_XO, 0, ~0u, SEG_TYPE_CODE, 1, true },
	{ GI_KDATA_BASED, BASED, ~0u, SEG_DATA_RW, 1, true },
	{ GI_KDATA_SMALL, SCRATCH_START, SMALL_LIMIT, SEG_DATA_RW, 1, true },
	{ GI_KDATA_RO, 0, ~0u, SEG_DATA_RO, 1, true },
	{ GI_UDATA_BASED, BASED, ~0u, SEG_DATA_RW, 3, true },
	{ GI_UDATA_RO, 0, ~0u, SEG_DATA_RO, 3, true },
	{ GI_KDATA16, 0, 0xFFFF, SEG_DATA_RW, 1, false },
	{ GI_R2CODE, 0, ~0u, SEG_CODE_RX, 2, true },
	{ GI_R2DATA, 0, ~0u, SEG_DATA_RW, 2, true },
	{ GI_DATA_DPL0, 0, ~0u, SEG_DATA_RW, 0, true },
	{ GI_RANDOM_DATA, RANDOM_BASE, ~0u, SEG_DATA_RW, 3, true },
};

static struct seg_desc table[HV_GDT_ENTRIES];

/* The descriptor words for a spec, as the guest hands them over. */
static struct desc spec_desc(const struct seg_spec *s, uint32_t top)
{
	uint32_t room = top - 1 - s->base;
	struct desc d;

	if (s->limit == ~0u)
		d = desc_segment(s->base, room, s->type, s->dpl);
	else
		d = desc_segment_bytes(s->base, s->limit, s->type, s->dpl);
	if (!s->big)
		d.hi &= ~DESC_DB;
	return d;
}

/* The model's entry: what the hypervisor keeps of it. */
static void model_entry(unsigned index, uint32_t base, uint32_t limit,
			unsigned type, unsigned dpl, bool big)
{
	uint32_t top = hv_boot->reserve_top;

	table[index] = (struct seg_desc){
		.segment = true, .type = type | SEG_TYPE_ACCESSED,
		.dpl = dpl ? dpl : 1, .base = base,
		.limit = limit > top - 1 - base ? top - 1 - base : limit,
		.big = big,
	};
}

void segs_install(void)
{
	uint32_t top = hv_boot->reserve_top;
	unsigned i;

	/*
	 * The hypervisor's own ring-0 code and data. Its TSS (busy) and the
	 * double-fault TSS stay "not a segment" here, which is all any check
	 * asks.
	 */
	table[HV_CODE_INDEX] = (struct seg_desc){
		true, SEG_CODE_RX | SEG_TYPE_ACCESSED, 0, 0, ~0u, true };
	table[HV_DATA_INDEX] = (struct seg_desc){
		true, SEG_DATA_RW | SEG_TYPE_ACCESSED, 0, 0, ~0u, true };
	model_entry(GI_KCODE, 0, ~0u, SEG_CODE_RX, 1, true);
	model_entry(GI_KDATA, 0, ~0u, SEG_DATA_RW, 1, true);
	model_entry(GI_UCODE, 0, ~0u, SEG_CODE_RX, 3, true);
	model_entry(GI_UDATA, 0, ~0u, SEG_DATA_RW, 3, true);
	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		const struct seg_spec *s = &specs[i];
		struct desc d = spec_desc(s, top);
		uint32_t limit = s->limit == ~0u ? (((top - 1 - s->base) >> 12)
						     << 12) | 0xFFF : s->limit;

		hcall(HV_CALL_LOAD_GDT_ENTRY, s->index, d.lo, d.hi, 0);
		model_entry(s->index, s->base, limit, s->type, s->dpl, s->big);
	}
}

const struct seg_desc *segs_lookup(uint16_t sel)
{
	if ((sel & SEL_TI_LDT) || SEL_INDEX(sel) >= HV_GDT_ENTRIES)
		return NULL;
	return &table[SEL_INDEX(sel)];
}

uint32_t segs_base(uint16_t sel)
{
	const struct seg_desc *d = segs_lookup(sel);

	return d && d->segment ? d->base : 0;
}

bool segs_is_16bit_code(uint16_t sel)
{
	const struct seg_desc *d = segs_lookup(sel);

	return d && d->segment && (d->type & SEG_TYPE_CODE) && !d->big;
}

/* Where a stack access at esp goes: a 16-bit stack uses SP alone. */
uint32_t segs_stack_linear(uint16_t ss, uint32_t esp)
{
	const struct seg_desc *d = segs_lookup(ss);

	if (!d || !d->segment)
		return esp;
	return d->base + (d->big ? esp : (esp & 0xFFFF));
}

/* Every entry the cases know of, the empty one last. */
static const uint8_t any_indices[] = {
	GDT_NULL_INDEX, HV_CODE_INDEX, HV_DATA_INDEX, GI_KCODE, GI_KDATA,
	GI_UCODE, GI_UDATA, HV_GDT_TSS, HV_GDT_DF_TSS, GI_KCODE_BASED,
	GI_UCODE_BASED, GI_KCODE_CONF, GI_UCODE_CONF, GI_KCODE16, GI_UCODE16,
	GI_KCODE_XO, GI_KDATA_BASED, GI_KDATA_SMALL, GI_KDATA_RO,
	GI_UDATA_BASED, GI_UDATA_RO, GI_KDATA16, GI_R2CODE, GI_R2DATA,
	GI_DATA_DPL0, GI_RANDOM_DATA, GI_EMPTY,
};

/* Any selector at all: the table's entries, null, LDT and past the end. */
uint16_t segs_pick(struct rng *r)
{
	unsigned rpl = rng_below(r, 4);

	switch (rng_below(r, 12)) {
	case 0:
		return (uint16_t)rpl;                   /* null */
	case 1:
		return (uint16_t)((rng_next(r) & 0xFFF8) | SEL_TI_LDT | rpl);
	case 2:
		return (uint16_t)(((HV_GDT_ENTRIES + rng_below(r, 0x2000 -
				   HV_GDT_ENTRIES)) << 3) | rpl);
	default:
		return SEL(any_indices[rng_below(r, sizeof(any_indices))], rpl);
	}
}

static const uint8_t code_indices[] = {
	GI_KCODE, GI_UCODE, GI_KCODE_BASED, GI_UCODE_BASED, GI_KCODE_CONF,
	GI_UCODE_CONF, GI_KCODE16, GI_UCODE16, GI_KCODE_XO, GI_R2CODE,
	HV_CODE_INDEX,
};

static const uint8_t data_indices[] = {
	GI_KDATA, GI_UDATA, GI_KDATA_BASED, GI_KDATA_SMALL, GI_KDATA_RO,
	GI_UDATA_BASED, GI_UDATA_RO, GI_KDATA16, GI_R2DATA, GI_DATA_DPL0,
	HV_DATA_INDEX,
};

/* Mostly a code segment, with the RPL that makes sense for it at cpl. */
uint16_t segs_pick_code(struct rng *r, unsigned cpl)
{
	unsigned index = code_indices[rng_below(r, sizeof(code_indices))];
	unsigned dpl = table[index].dpl;

	if (rng_chance(r, 25))
		return segs_pick(r);
	if (rng_chance(r, 50))
		return SEL(index, rng_below(r, 4));
	/* Conforming code keeps the caller's ring; the others their DPL. */
	return SEL(index, (table[index].type & SEG_TYPE_CONFORMING) ? cpl : dpl);
}

/* Mostly a writable data segment, with RPL rpl. */
uint16_t segs_pick_stack(struct rng *r, unsigned rpl)
{
	unsigned index = data_indices[rng_below(r, sizeof(data_indices))];

	if (rng_chance(r, 20))
		return segs_pick(r);
	if (rng_chance(r, 25))
		return SEL(index, rng_below(r, 4));
	return SEL(index, rpl);
}

/* Code for a return to an outer ring, mostly with a fitting RPL. */
uint16_t segs_pick_outer(struct rng *r)
{
	static const uint16_t outer[] = {
		SEL(GI_UCODE, 3), SEL(GI_UCODE_BASED, 3), SEL(GI_UCODE_CONF, 3),
		SEL(GI_KCODE_CONF, 3), SEL(GI_UCODE16, 3), SEL(GI_R2CODE, 2),
		SEL(GI_KCODE_XO, 3), SEL(GI_R2CODE, 3), SEL(GI_UCODE, 2),
	};

	return outer[rng_below(r, sizeof(outer) / sizeof(outer[0]))];
}
