#include <lib/segments.h>
#include "descriptors.h"
#include "vectors.h"

#define GUEST_RING          1u
#define DESC_RESERVED       DESC_L          /* no 64-bit segments here */
#define SYSCALL_VECTOR      0x80

/* A present code or data descriptor, not a system one. */
static bool present_segment(const struct desc *d)
{
	return d && (d->hi & DESC_P) && (d->hi & DESC_S);
}

#define SEG_TYPE_EXPAND_DOWN    0x4u    /* data segments */
#define DESC_LIMIT_LO_MASK      0xFFFFu
#define DESC_LIMIT_HI_MASK      0xF0000u

static uint32_t seg_base(struct desc d)
{
	return (d.lo >> 16) | ((d.hi & 0xFFu) << 16) | (d.hi & 0xFF000000u);
}

static uint32_t seg_limit_bytes(struct desc d)
{
	uint32_t raw = (d.lo & DESC_LIMIT_LO_MASK) | (d.hi & DESC_LIMIT_HI_MASK);

	return (d.hi & DESC_G) ? (raw << 12) | 0xFFFu : raw;
}

static void set_limit_bytes(struct desc *d, uint32_t bytes)
{
	uint32_t raw = bytes;

	d->hi &= ~(DESC_LIMIT_HI_MASK | DESC_G);
	if (bytes > 0xFFFFFu) {
		raw = ((bytes + 1) >> 12) - 1;  /* whole pages that fit */
		d->hi |= DESC_G;
	}
	d->lo = (d->lo & ~DESC_LIMIT_LO_MASK) | (raw & DESC_LIMIT_LO_MASK);
	d->hi |= raw & DESC_LIMIT_HI_MASK;
}

const char *segment_confine(struct desc *d, uint32_t top)
{
	uint32_t base = seg_base(*d), max;

	if (!present_segment(d))
		return NULL;
	if (!(desc_type(*d) & SEG_TYPE_CODE) && (desc_type(*d) & SEG_TYPE_EXPAND_DOWN))
		return "expand-down segment";
	if (base >= top)
		return "segment base in the switcher's reserve";
	max = top - 1 - base;
	if (seg_limit_bytes(*d) > max)
		set_limit_bytes(d, max);
	return NULL;
}

bool gdt_index_settable(unsigned index)
{
	return index >= HV_GDT_FIRST_GUEST && index < HV_GDT_ENTRIES &&
	       index != GDT_TSS && index != GDT_DF_TSS;
}

const char *gdt_entry_check(struct desc *d)
{
	if (d->lo == 0 && d->hi == 0)
		return NULL;                        /* removal */
	if (!(d->hi & DESC_P))
		return "descriptor not present";
	if (!(d->hi & DESC_S))
		return "system descriptor";
	if (d->hi & DESC_RESERVED)
		return "reserved bit set";
	if (desc_dpl(*d) == 0)
		d->hi |= GUEST_RING << DESC_DPL_SHIFT;
	d->hi |= SEG_TYPE_ACCESSED << DESC_TYPE_SHIFT;
	return NULL;
}

/* The descriptor sel names, or NULL if sel is out of the table. */
static const struct desc *lookup(const struct desc *gdt, unsigned entries,
				 uint32_t sel)
{
	unsigned index = SEL_INDEX(sel & 0xFFFF);

	if ((sel & SEL_TI_LDT) || index == 0 || index >= entries)
		return NULL;
	return &gdt[index];
}

static bool usable_code(const struct desc *d, unsigned rpl)
{
	return present_segment(d) && (desc_type(*d) & SEG_TYPE_CODE) &&
	       desc_dpl(*d) == rpl;
}

static bool usable_stack(const struct desc *d, unsigned rpl)
{
	return present_segment(d) && !(desc_type(*d) & SEG_TYPE_CODE) &&
	       (desc_type(*d) & SEG_TYPE_WRITABLE) && desc_dpl(*d) == rpl;
}

static bool usable_data(const struct desc *d, unsigned rpl)
{
	if (!present_segment(d))
		return false;
	if ((desc_type(*d) & SEG_TYPE_CODE) && !(desc_type(*d) & SEG_TYPE_READABLE))
		return false;
	return desc_dpl(*d) >= rpl;
}

bool gate_selector_ok(const struct desc *gdt, unsigned entries, uint32_t sel)
{
	return usable_code(lookup(gdt, entries, sel), GUEST_RING);
}

bool gate_offset_ok(const struct desc *gdt, unsigned entries, struct desc gate)
{
	const struct desc *cs = lookup(gdt, entries, gate_selector(gate));

	/* Guest code segments end below the switcher (segment_confine). */
	return usable_code(cs, GUEST_RING) &&
	       gate_offset(gate) <= seg_limit_bytes(*cs);
}

bool within_segment(const struct desc *gdt, unsigned entries, uint32_t sel,
		    uint32_t offset)
{
	const struct desc *d = lookup(gdt, entries, sel);

	return present_segment(d) && offset <= seg_limit_bytes(*d);
}

bool code_segment_of(const struct desc *gdt, unsigned entries, uint32_t sel,
		     uint32_t *base, bool *code32)
{
	const struct desc *d = lookup(gdt, entries, sel);

	if (!present_segment(d) || !(desc_type(*d) & SEG_TYPE_CODE))
		return false;
	*base = seg_base(*d);
	*code32 = (d->hi & DESC_DB) != 0;
	return true;
}

bool stack_segment_of(const struct desc *gdt, unsigned entries, uint32_t sel,
		      uint32_t *base, bool *big)
{
	const struct desc *d = lookup(gdt, entries, sel);

	if (!present_segment(d) || (desc_type(*d) & SEG_TYPE_CODE))
		return false;
	*base = seg_base(*d);
	*big = (d->hi & DESC_DB) != 0;
	return true;
}

bool kernel_stack_segment_ok(const struct desc *gdt, unsigned entries,
			     uint32_t ss)
{
	return (ss & SEL_RPL_MASK) == GUEST_RING &&
	       usable_stack(lookup(gdt, entries, ss), GUEST_RING);
}

const char *segments_revalidate(const struct desc *gdt, unsigned entries,
				struct trap_frame *regs)
{
	uint32_t *data_regs[] = { &regs->ds, &regs->es, &regs->fs, &regs->gs };
	unsigned i;

	if (!usable_code(lookup(gdt, entries, regs->cs), regs->cs & SEL_RPL_MASK))
		return "the code segment in use was removed";
	if (!usable_stack(lookup(gdt, entries, regs->ss), regs->ss & SEL_RPL_MASK))
		return "the stack segment in use was removed";
	for (i = 0; i < ARRAY_SIZE(data_regs); i++) {
		uint32_t sel = *data_regs[i] & 0xFFFF;

		if ((sel & ~SEL_RPL_MASK) == 0)
			continue;                   /* null selector */
		if (!usable_data(lookup(gdt, entries, sel), sel & SEL_RPL_MASK))
			*data_regs[i] = 0;
	}
	return NULL;
}

const char *idt_entry_check(unsigned vector, const struct desc *g)
{
	unsigned type = desc_type(*g);

	if (vector >= NUM_VECTORS)
		return "vector out of range";
	if (!(g->hi & DESC_P))
		return NULL;                        /* an empty entry */
	if (g->hi & DESC_S)
		return "not a gate";
	if (type != SYS_TYPE_INTR_GATE && type != SYS_TYPE_TRAP_GATE)
		return "not an interrupt or trap gate";
	return NULL;
}

/* Vectors that always come to the hypervisor first. */
static bool intercepted(unsigned vector)
{
	if (vector == VEC_NO_FPU || vector == VEC_GP ||
	    vector == VEC_PAGE_FAULT || vector == HV_HYPERCALL_VECTOR ||
	    vector == VEC_DOUBLE_FAULT || vector == VEC_NMI ||
	    vector == VEC_MACHINE_CHECK)
		return true;
	return vector >= NUM_EXCEPTIONS && vector != SYSCALL_VECTOR;
}

bool idt_entry_direct(unsigned vector, const struct desc *g)
{
	return (g->hi & DESC_P) && desc_type(*g) == SYS_TYPE_TRAP_GATE &&
	       !intercepted(vector);
}
