/*
 * segments: TLS and GDT loads. Three TLS descriptors with different bases
 * (HV_CALL_LOAD_TLS), read through %gs and %fs; single GDT entries
 * (HV_CALL_LOAD_GDT_ENTRY): a data segment with a base, DPL 0 raised to 1
 * (so ring 1 can load it with RPL 1), DPL 3 kept, a ring-1 code segment
 * for a far call, removal (a data register naming it becomes 0); and a
 * whole table (HV_CALL_LOAD_GDT) that replaces what it covers, skips the
 * hypervisor's entries and leaves entries past its count alone.
 */
#include <stdio.h>
#include <string.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"

/* lar gives the descriptor's high word, masked: its DPL and type fields. */
#define AR_DPL(ar)      (((ar) & DESC_DPL_MASK) >> DESC_DPL_SHIFT)
#define AR_TYPE(ar)     (((ar) & DESC_TYPE_MASK) >> DESC_TYPE_SHIFT)

/* Entries of the guest's own, in no role of the ABI's. */
#define ENTRY_BASED     20u     /* data with a base, DPL 0 */
#define ENTRY_DPL3      21u     /* data, DPL 3 */
#define ENTRY_CODE      22u     /* ring-1 code for a far call */
#define ENTRY_TABLE_A   9u      /* set by the whole table */
#define ENTRY_TABLE_B   10u
#define TABLE_ENTRIES   24u     /* the whole table's count */
#define ENTRY_PAST      (TABLE_ENTRIES + 1)     /* past it: kept */

#define TLS_ENTRY(i)    (HV_GDT_TLS_FIRST + (i))
#define TLS_LAST        TLS_ENTRY(HV_GDT_TLS_ENTRIES - 1)

/* Data the segments point at: each starts with a different word. */
static uint32_t tls_data[HV_GDT_TLS_ENTRIES][4];
static uint32_t tls_data2[HV_GDT_TLS_ENTRIES][4];
static uint32_t base_data[4], base_data2[4];
static struct desc gdt[HV_GDT_ENTRIES];

uint32_t far_call(uint32_t sel);

/*
 * 0 when %fs now holds sel, 1 when loading it was a #GP: the exception
 * table resumes after the load, and the #GP handler (extable_trap) counts
 * it in extable_last.
 */
static int try_load_fs(uint32_t sel)
{
	unsigned before = extable_last.fixups;

	__asm__ volatile("1: movl %0, %%fs\n"
			 "2:\n"
			 ASM_EXTABLE(1b, 2b)
			 : : "r"(sel) : "memory");
	return extable_last.fixups != before;
}

/* A small 32-bit data segment at base: limit in bytes. */
static struct desc segment(const void *base, uint32_t limit, unsigned dpl)
{
	return desc_segment_bytes((uint32_t)base, limit, SEG_DATA_RW, dpl);
}

static void load_entry(unsigned index, struct desc d)
{
	hcall(HV_CALL_LOAD_GDT_ENTRY, index, d.lo, d.hi, 0);
}

/* lar: 1 and the access rights when sel names a usable descriptor. */
static int lar(uint32_t sel, uint32_t *ar)
{
	uint32_t r = 0;
	uint8_t ok;

	__asm__ volatile("lar %2, %0; setz %1" : "+r"(r), "=q"(ok) : "r"(sel)
			 : "cc");
	*ar = r;
	return ok;
}

static uint32_t lsl(uint32_t sel)
{
	uint32_t limit = 0;

	__asm__ volatile("lsl %1, %0" : "+r"(limit) : "r"(sel) : "cc");
	return limit;
}

static uint32_t read_fs(uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(off));
	return v;
}

static uint32_t read_gs(uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(off));
	return v;
}

static uint32_t get_fs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%fs, %0" : "=r"(v));
	return v & 0xFFFF;
}

static void set_gs(uint32_t sel)
{
	__asm__ volatile("movl %0, %%gs" : : "r"(sel));
}

static void fill(uint32_t *words, unsigned n, uint32_t first)
{
	unsigned i;

	for (i = 0; i < n; i++)
		words[i] = first + i;
}

/* The TLS entries from data[][4]: a 16-byte data segment each. */
static void load_tls(uint32_t (*data)[4])
{
	struct desc tls[HV_GDT_TLS_ENTRIES];
	unsigned i;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
		tls[i] = segment(data[i], 15, 3);
	hcall(HV_CALL_LOAD_TLS, (uint32_t)tls, 0, 0, 0);
}

/* Reads word 1 of each TLS entry, through %gs and then %fs. */
static int tls_reads(uint32_t (*data)[4])
{
	unsigned i, good = 0;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++) {
		uint32_t sel = SEL(TLS_ENTRY(i), 1);

		set_gs(sel);
		if (try_load_fs(sel) == 0 && read_gs(4) == data[i][1] &&
		    read_fs(8) == data[i][2])
			good++;
	}
	set_gs(0);
	try_load_fs(0);
	return good == HV_GDT_TLS_ENTRIES;
}

static void tls(void)
{
	uint32_t ar;
	unsigned i;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++) {
		fill(tls_data[i], 4, 0x71500000u + i * 0x100);
		fill(tls_data2[i], 4, 0x72500000u + i * 0x100);
	}
	load_tls(tls_data);
	check(tls_reads(tls_data), "TLS: entries %u-%u read through %%gs and "
	      "%%fs at their three bases", TLS_ENTRY(0), TLS_LAST);
	check(lsl(SEL(TLS_ENTRY(1), 1)) == 15, "TLS: entry %u has its 16-byte "
	      "limit", TLS_ENTRY(1));
	check(lar(SEL(TLS_LAST, 1), &ar) && AR_DPL(ar) == 3 &&
	      AR_TYPE(ar) == (SEG_DATA_RW | SEG_TYPE_ACCESSED),
	      "TLS: entry %u is a DPL-3 data segment, accessed bit set",
	      TLS_LAST);
	load_tls(tls_data2);
	check(tls_reads(tls_data2), "TLS: loaded again, the new bases are used");
}

static void entries(void)
{
	uint32_t ar;
	int ok;

	fill(base_data, 4, 0xBA5E0000u);
	load_entry(ENTRY_BASED, segment(base_data, 15, 0));
	ok = lar(SEL(ENTRY_BASED, 1), &ar);
	check(ok && AR_DPL(ar) == 1, "entry %u, data with DPL 0: the "
	      "hypervisor made it DPL %u", ENTRY_BASED, ok ? AR_DPL(ar) : 0);
	check(try_load_fs(SEL(ENTRY_BASED, 1)) == 0, "entry %u: %%fs loads it "
	      "with RPL 1", ENTRY_BASED);
	check(read_fs(0) == 0xBA5E0000u && read_fs(12) == 0xBA5E0003u,
	      "entry %u: reads through %%fs come from its base", ENTRY_BASED);
	load_entry(ENTRY_DPL3, segment(base_data, 15, 3));
	check(lar(SEL(ENTRY_DPL3, 1), &ar) && AR_DPL(ar) == 3, "entry %u, DPL 3: "
	      "kept", ENTRY_DPL3);
	load_entry(ENTRY_CODE, desc_flat(SEG_CODE_RX, 0));
	check(far_call(SEL(ENTRY_CODE, 1)) == SEL(ENTRY_CODE, 1), "entry %u, code "
	      "with DPL 0: a far call through it runs with cs 0x%x", ENTRY_CODE,
	      SEL(ENTRY_CODE, 1));
	load_entry(ENTRY_BASED, (struct desc){ 0, 0 });
	check(!lar(SEL(ENTRY_BASED, 1), &ar), "entry %u removed: lar fails on it",
	      ENTRY_BASED);
	check(get_fs() == 0, "entry %u removed: %%fs, which named it, is 0",
	      ENTRY_BASED);
	check(try_load_fs(SEL(ENTRY_BASED, 1)) == 1, "entry %u removed: loading "
	      "it is a #GP", ENTRY_BASED);
}

/* The flat segments the guest starts with, in a table of its own. */
static void flat_table(void)
{
	memset(gdt, 0, sizeof(gdt));
	gdt[HV_GDT_KERNEL_CODE] = desc_flat(SEG_CODE_RX, 1);
	gdt[HV_GDT_KERNEL_DATA] = desc_flat(SEG_DATA_RW, 1);
	gdt[HV_GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	gdt[HV_GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
}

static void whole_table(void)
{
	uint32_t ar;
	unsigned i;

	fill(base_data2, 4, 0xB0B00000u);
	load_entry(ENTRY_PAST, segment(base_data, 15, 1));
	try_load_fs(SEL(ENTRY_DPL3, 1));
	flat_table();
	gdt[ENTRY_TABLE_A] = segment(base_data2, 15, 0);
	gdt[ENTRY_TABLE_B] = segment(base_data, 15, 1);
	load_tls(tls_data);             /* the TLS entries, to be replaced */
	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
		gdt[TLS_ENTRY(i)] = segment(tls_data2[i], 15, 3);
	hcall(HV_CALL_LOAD_GDT, (uint32_t)gdt, TABLE_ENTRIES, 0, 0);
	check(lar(HV_SEL_KERNEL_CODE, &ar) && AR_DPL(ar) == 1 &&
	      lar(HV_SEL_USER_DATA, &ar) && AR_DPL(ar) == 3,
	      "whole GDT of %u entries: kernel and user segments in place, the "
	      "hypervisor's 0-2 and %u (zero in it) skipped", TABLE_ENTRIES,
	      HV_GDT_TSS);
	check(get_fs() == 0, "whole GDT: %%fs, which named entry %u, is 0",
	      ENTRY_DPL3);
	check(try_load_fs(SEL(ENTRY_TABLE_A, 1)) == 0 &&
	      read_fs(4) == 0xB0B00001u &&
	      lar(SEL(ENTRY_TABLE_A, 1), &ar) && AR_DPL(ar) == 1,
	      "whole GDT: entry %u reads from its base, DPL 0 made 1",
	      ENTRY_TABLE_A);
	check(try_load_fs(SEL(ENTRY_TABLE_B, 1)) == 0 &&
	      read_fs(8) == 0xBA5E0002u,
	      "whole GDT: entry %u reads from its base", ENTRY_TABLE_B);
	check(tls_reads(tls_data2), "whole GDT: entries %u-%u replaced",
	      TLS_ENTRY(0), TLS_LAST);
	check(!lar(SEL(ENTRY_DPL3, 1), &ar) && !lar(SEL(ENTRY_CODE, 1), &ar),
	      "whole GDT: entries %u and %u, zero in it, removed", ENTRY_DPL3,
	      ENTRY_CODE);
	check(lar(SEL(ENTRY_PAST, 1), &ar), "whole GDT: entry %u, past its %u, "
	      "kept", ENTRY_PAST, TABLE_ENTRIES);
}

int main(void)
{
	trap_install(VEC_GP, extable_trap, 1, 0);
	tls();
	entries();
	whole_table();
	try_load_fs(0);
	return check_summary();
}
