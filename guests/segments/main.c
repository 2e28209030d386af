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

/* Data the segments point at: each starts with a different word. */
static uint32_t tls_data[3][4], tls_data2[3][4], base_data[4], base_data2[4];
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

/* Entries 12-14 from data[3][4]: a 16-byte data segment each. */
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
		uint32_t sel = SEL(HV_GDT_TLS_FIRST + i, 1);

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

	for (i = 0; i < 3; i++) {
		fill(tls_data[i], 4, 0x71500000u + i * 0x100);
		fill(tls_data2[i], 4, 0x72500000u + i * 0x100);
	}
	load_tls(tls_data);
	check(tls_reads(tls_data), "TLS: entries 12-14 read through %%gs and "
	      "%%fs at their three bases");
	check(lsl(SEL(13, 1)) == 15, "TLS: entry 13 has its 16-byte limit");
	check(lar(SEL(14, 1), &ar) && AR_DPL(ar) == 3 &&
	      AR_TYPE(ar) == (SEG_DATA_RW | SEG_TYPE_ACCESSED),
	      "TLS: entry 14 is a DPL-3 data segment, accessed bit set");
	load_tls(tls_data2);
	check(tls_reads(tls_data2), "TLS: loaded again, the new bases are used");
}

static void entries(void)
{
	uint32_t ar;
	int ok;

	fill(base_data, 4, 0xBA5E0000u);
	load_entry(20, segment(base_data, 15, 0));
	ok = lar(SEL(20, 1), &ar);
	check(ok && AR_DPL(ar) == 1, "entry 20, data with DPL 0: the "
	      "hypervisor made it DPL %u", ok ? AR_DPL(ar) : 0);
	check(try_load_fs(SEL(20, 1)) == 0, "entry 20: %%fs loads it with RPL 1");
	check(read_fs(0) == 0xBA5E0000u && read_fs(12) == 0xBA5E0003u,
	      "entry 20: reads through %%fs come from its base");
	load_entry(21, segment(base_data, 15, 3));
	check(lar(SEL(21, 1), &ar) && AR_DPL(ar) == 3, "entry 21, DPL 3: kept");
	load_entry(22, desc_flat(SEG_CODE_RX, 0));
	check(far_call(SEL(22, 1)) == SEL(22, 1), "entry 22, code with DPL 0: a "
	      "far call through it runs with cs 0x%x", SEL(22, 1));
	load_entry(20, (struct desc){ 0, 0 });
	check(!lar(SEL(20, 1), &ar), "entry 20 removed: lar fails on it");
	check(get_fs() == 0, "entry 20 removed: %%fs, which named it, is 0");
	check(try_load_fs(SEL(20, 1)) == 1, "entry 20 removed: loading it is a "
	      "#GP");
}

/* The flat segments the guest starts with, in a table of its own. */
static void flat_table(void)
{
	memset(gdt, 0, sizeof(gdt));
	gdt[3] = desc_flat(SEG_CODE_RX, 1);
	gdt[4] = desc_flat(SEG_DATA_RW, 1);
	gdt[5] = desc_flat(SEG_CODE_RX, 3);
	gdt[6] = desc_flat(SEG_DATA_RW, 3);
}

static void whole_table(void)
{
	uint32_t ar;

	fill(base_data2, 4, 0xB0B00000u);
	load_entry(25, segment(base_data, 15, 1));
	try_load_fs(SEL(21, 1));
	flat_table();
	gdt[9] = segment(base_data2, 15, 0);
	gdt[10] = segment(base_data, 15, 1);
	load_tls(tls_data);             /* entries 12-14 to be replaced */
	gdt[12] = segment(tls_data2[0], 15, 3);
	gdt[13] = segment(tls_data2[1], 15, 3);
	gdt[14] = segment(tls_data2[2], 15, 3);
	hcall(HV_CALL_LOAD_GDT, (uint32_t)gdt, 24, 0, 0);
	check(lar(HV_SEL_KERNEL_CODE, &ar) && AR_DPL(ar) == 1 &&
	      lar(HV_SEL_USER_DATA, &ar) && AR_DPL(ar) == 3,
	      "whole GDT of 24 entries: kernel and user segments in place, the "
	      "hypervisor's 0-2, 7, 8 (zero in it) skipped");
	check(get_fs() == 0, "whole GDT: %%fs, which named entry 21, is 0");
	check(try_load_fs(SEL(9, 1)) == 0 && read_fs(4) == 0xB0B00001u &&
	      lar(SEL(9, 1), &ar) && AR_DPL(ar) == 1,
	      "whole GDT: entry 9 reads from its base, DPL 0 made 1");
	check(try_load_fs(SEL(10, 1)) == 0 && read_fs(8) == 0xBA5E0002u,
	      "whole GDT: entry 10 reads from its base");
	check(tls_reads(tls_data2), "whole GDT: entries 12-14 replaced");
	check(!lar(SEL(21, 1), &ar) && !lar(SEL(22, 1), &ar),
	      "whole GDT: entries 21 and 22, zero in it, removed");
	check(lar(SEL(25, 1), &ar), "whole GDT: entry 25, past its 24, kept");
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
