/*
 * Segment descriptors, gates and selectors (Intel SDM vol. 3, ch. 3 and 6).
 * A descriptor is kept as two 32-bit words, low and high, as the CPU reads it.
 */
#ifndef X86_DESC_H
#define X86_DESC_H

#include <types.h>

/* High word of a segment descriptor. */
#define DESC_TYPE_SHIFT     8
#define DESC_TYPE_MASK      (0xFu << DESC_TYPE_SHIFT)
#define DESC_S              (1u << 12)      /* code/data (1) or system (0) */
#define DESC_DPL_SHIFT      13
#define DESC_DPL_MASK       (3u << DESC_DPL_SHIFT)
#define DESC_P              (1u << 15)      /* present */
#define DESC_AVL            (1u << 20)
#define DESC_L              (1u << 21)      /* 64-bit code: reserved here */
#define DESC_DB             (1u << 22)      /* 32-bit segment */
#define DESC_G              (1u << 23)      /* limit in 4 KiB units */

/* Type field of code/data descriptors (with DESC_S set). */
#define SEG_TYPE_ACCESSED   0x1u
#define SEG_TYPE_WRITABLE   0x2u            /* data */
#define SEG_TYPE_READABLE   0x2u            /* code */
#define SEG_TYPE_CODE       0x8u
#define SEG_DATA_RW         (SEG_TYPE_WRITABLE)
#define SEG_CODE_RX         (SEG_TYPE_CODE | SEG_TYPE_READABLE)

/* Type field of system descriptors and gates (DESC_S clear). */
#define SYS_TYPE_TSS32_AVAIL 0x9u
#define SYS_TYPE_TSS32_BUSY  0xBu
#define SYS_TYPE_TASK_GATE   0x5u
#define SYS_TYPE_INTR_GATE   0xEu           /* clears IF on entry */
#define SYS_TYPE_TRAP_GATE   0xFu           /* leaves IF alone */

/* Selectors: index << 3 | table indicator | requested privilege level. */
#define SEL_RPL_MASK        3u
#define SEL_TI_LDT          4u
#define SEL(index, rpl)     ((uint16_t)(((index) << 3) | (rpl)))
#define SEL_INDEX(sel)      ((sel) >> 3)

struct desc {
	uint32_t lo, hi;
};

struct PACKED desc_ptr {
	uint16_t limit;
	uint32_t base;
};

static inline struct desc desc_segment(uint32_t base, uint32_t limit,
				       uint32_t type, unsigned dpl)
{
	struct desc d;
	uint32_t pages = limit >> 12;   /* every segment here is page-granular */

	d.lo = (base << 16) | (pages & 0xFFFFu);
	d.hi = (base & 0xFF000000u) | ((base >> 16) & 0xFFu) |
	       (pages & 0xF0000u) | DESC_G | DESC_DB | DESC_P | DESC_S |
	       ((uint32_t)dpl << DESC_DPL_SHIFT) | (type << DESC_TYPE_SHIFT);
	return d;
}

/* A byte-granular 32-bit code or data segment: limit below 1 MiB. */
static inline struct desc desc_segment_bytes(uint32_t base, uint32_t limit,
					     uint32_t type, unsigned dpl)
{
	struct desc d;

	d.lo = (base << 16) | (limit & 0xFFFFu);
	d.hi = (base & 0xFF000000u) | ((base >> 16) & 0xFFu) |
	       (limit & 0xF0000u) | DESC_DB | DESC_P | DESC_S |
	       ((uint32_t)dpl << DESC_DPL_SHIFT) | (type << DESC_TYPE_SHIFT);
	return d;
}

/* A flat 4 GiB segment (base 0, limit 4 GiB) of the given type and DPL. */
static inline struct desc desc_flat(uint32_t type, unsigned dpl)
{
	return desc_segment(0, 0xFFFFFFFFu, type, dpl);
}

/* A byte-granular system descriptor, as a TSS needs. */
static inline struct desc desc_system(uint32_t base, uint32_t limit,
				      uint32_t type, unsigned dpl)
{
	struct desc d;

	d.lo = (base << 16) | (limit & 0xFFFFu);
	d.hi = (base & 0xFF000000u) | ((base >> 16) & 0xFFu) |
	       (limit & 0xF0000u) | DESC_P |
	       ((uint32_t)dpl << DESC_DPL_SHIFT) | (type << DESC_TYPE_SHIFT);
	return d;
}

static inline struct desc desc_gate(uint16_t sel, uint32_t offset,
				    uint32_t type, unsigned dpl)
{
	struct desc d;

	d.lo = ((uint32_t)sel << 16) | (offset & 0xFFFFu);
	d.hi = (offset & 0xFFFF0000u) | DESC_P |
	       ((uint32_t)dpl << DESC_DPL_SHIFT) | (type << DESC_TYPE_SHIFT);
	return d;
}

static inline struct desc desc_task_gate(uint16_t tss_sel)
{
	struct desc d;

	d.lo = (uint32_t)tss_sel << 16;
	d.hi = DESC_P | (SYS_TYPE_TASK_GATE << DESC_TYPE_SHIFT);
	return d;
}

/* An interrupt, trap or call gate's target: offset and code selector. */
static inline uint32_t gate_offset(struct desc d)
{
	return (d.hi & 0xFFFF0000u) | (d.lo & 0xFFFFu);
}

static inline uint16_t gate_selector(struct desc d)
{
	return (uint16_t)(d.lo >> 16);
}

static inline unsigned desc_type(struct desc d)
{
	return (d.hi & DESC_TYPE_MASK) >> DESC_TYPE_SHIFT;
}

static inline unsigned desc_dpl(struct desc d)
{
	return (d.hi & DESC_DPL_MASK) >> DESC_DPL_SHIFT;
}

/* 32-bit task-state segment (SDM vol. 3, figure 8-2). */
struct PACKED tss32 {
	uint16_t link, link_hi;
	uint32_t esp0;
	uint16_t ss0, ss0_hi;
	uint32_t esp1;
	uint16_t ss1, ss1_hi;
	uint32_t esp2;
	uint16_t ss2, ss2_hi;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, es_hi, cs, cs_hi, ss, ss_hi, ds, ds_hi;
	uint16_t fs, fs_hi, gs, gs_hi, ldt, ldt_hi;
	uint16_t trap, iomap_base;
};

#endif
