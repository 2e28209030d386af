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
#include "hv.h"

#define TYPE_DATA_RW    0x2u
#define TYPE_CODE_RX    0xAu
#define DESC_S          (1u << 12)
#define DESC_P          (1u << 15)
#define DESC_DB         (1u << 22)
#define DESC_G          (1u << 23)
#define AR_DPL(ar)      (((ar) >> 13) & 3u)
#define AR_TYPE(ar)     (((ar) >> 8) & 0xFu)
#define SEL(index)      (((index) << 3) | 1u)     /* RPL 1 */

struct desc {
	uint32_t lo, hi;
};

/* Data the segments point at: each starts with a different word. */
static uint32_t tls_data[3][4], tls_data2[3][4], base_data[4], base_data2[4];
static struct desc gdt[HV_GDT_ENTRIES];

int try_load_fs(uint32_t sel);
uint32_t far_call(uint32_t sel);
extern char try_load_fs_insn[], try_load_fs_next[];
extern volatile uint32_t seg_fault;

static void gp_handler(struct trap_regs *regs)
{
	if (regs->eip != (uint32_t)try_load_fs_insn)
		hv_crash("unexpected #GP");
	seg_fault = 1;
	regs->eip = (uint32_t)try_load_fs_next;
}

/* A 32-bit code or data descriptor; limit in bytes, or pages if big. */
static struct desc segment(const void *base, uint32_t limit, unsigned type,
			   unsigned dpl)
{
	uint32_t b = (uint32_t)base, g = 0;
	struct desc d;

	if (limit > 0xFFFFF) {
		limit >>= 12;
		g = DESC_G;
	}
	d.lo = (limit & 0xFFFF) | (b << 16);
	d.hi = ((b >> 16) & 0xFF) | (type << 8) | DESC_S | (dpl << 13) |
	       DESC_P | (limit & 0xF0000) | DESC_DB | g | (b & 0xFF000000u);
	return d;
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
		tls[i] = segment(data[i], 15, TYPE_DATA_RW, 3);
	hcall(HV_CALL_LOAD_TLS, (uint32_t)tls, 0, 0, 0);
}

/* Reads word 1 of each TLS entry, through %gs and then %fs. */
static int tls_reads(uint32_t (*data)[4])
{
	unsigned i, good = 0;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++) {
		uint32_t sel = SEL(HV_GDT_TLS_FIRST + i);

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
	check(lsl(SEL(13)) == 15, "TLS: entry 13 has its 16-byte limit");
	check(lar(SEL(14), &ar) && AR_DPL(ar) == 3 &&
	      AR_TYPE(ar) == (TYPE_DATA_RW | 1),
	      "TLS: entry 14 is a DPL-3 data segment, accessed bit set");
	load_tls(tls_data2);
	check(tls_reads(tls_data2), "TLS: loaded again, the new bases are used");
}

static void entries(void)
{
	uint32_t ar;
	int ok;

	fill(base_data, 4, 0xBA5E0000u);
	load_entry(20, segment(base_data, 15, TYPE_DATA_RW, 0));
	ok = lar(SEL(20), &ar);
	check(ok && AR_DPL(ar) == 1, "entry 20, data with DPL 0: the "
	      "hypervisor made it DPL %u", ok ? AR_DPL(ar) : 0);
	check(try_load_fs(SEL(20)) == 0, "entry 20: %%fs loads it with RPL 1");
	check(read_fs(0) == 0xBA5E0000u && read_fs(12) == 0xBA5E0003u,
	      "entry 20: reads through %%fs come from its base");
	load_entry(21, segment(base_data, 15, TYPE_DATA_RW, 3));
	check(lar(SEL(21), &ar) && AR_DPL(ar) == 3, "entry 21, DPL 3: kept");
	load_entry(22, segment(0, 0xFFFFFFFF, TYPE_CODE_RX, 0));
	check(far_call(SEL(22)) == SEL(22), "entry 22, code with DPL 0: a far "
	      "call through it runs with cs 0x%x", SEL(22));
	load_entry(20, (struct desc){ 0, 0 });
	check(!lar(SEL(20), &ar), "entry 20 removed: lar fails on it");
	check(get_fs() == 0, "entry 20 removed: %%fs, which named it, is 0");
	check(try_load_fs(SEL(20)) == 1, "entry 20 removed: loading it is a "
	      "#GP");
}

/* The flat segments the guest starts with, in a table of its own. */
static void flat_table(void)
{
	memset(gdt, 0, sizeof(gdt));
	gdt[3] = segment(0, 0xFFFFFFFF, TYPE_CODE_RX, 1);
	gdt[4] = segment(0, 0xFFFFFFFF, TYPE_DATA_RW, 1);
	gdt[5] = segment(0, 0xFFFFFFFF, TYPE_CODE_RX, 3);
	gdt[6] = segment(0, 0xFFFFFFFF, TYPE_DATA_RW, 3);
}

static void whole_table(void)
{
	uint32_t ar;

	fill(base_data2, 4, 0xB0B00000u);
	load_entry(25, segment(base_data, 15, TYPE_DATA_RW, 1));
	try_load_fs(SEL(21));
	flat_table();
	gdt[9] = segment(base_data2, 15, TYPE_DATA_RW, 0);
	gdt[10] = segment(base_data, 15, TYPE_DATA_RW, 1);
	load_tls(tls_data);             /* entries 12-14 to be replaced */
	gdt[12] = segment(tls_data2[0], 15, TYPE_DATA_RW, 3);
	gdt[13] = segment(tls_data2[1], 15, TYPE_DATA_RW, 3);
	gdt[14] = segment(tls_data2[2], 15, TYPE_DATA_RW, 3);
	hcall(HV_CALL_LOAD_GDT, (uint32_t)gdt, 24, 0, 0);
	check(lar(HV_SEL_KERNEL_CODE, &ar) && AR_DPL(ar) == 1 &&
	      lar(HV_SEL_USER_DATA, &ar) && AR_DPL(ar) == 3,
	      "whole GDT of 24 entries: kernel and user segments in place, the "
	      "hypervisor's 0-2, 7, 8 (zero in it) skipped");
	check(get_fs() == 0, "whole GDT: %%fs, which named entry 21, is 0");
	check(try_load_fs(SEL(9)) == 0 && read_fs(4) == 0xB0B00001u &&
	      lar(SEL(9), &ar) && AR_DPL(ar) == 1,
	      "whole GDT: entry 9 reads from its base, DPL 0 made 1");
	check(try_load_fs(SEL(10)) == 0 && read_fs(8) == 0xBA5E0002u,
	      "whole GDT: entry 10 reads from its base");
	check(tls_reads(tls_data2), "whole GDT: entries 12-14 replaced");
	check(!lar(SEL(21), &ar) && !lar(SEL(22), &ar),
	      "whole GDT: entries 21 and 22, zero in it, removed");
	check(lar(SEL(25), &ar), "whole GDT: entry 25, past its 24, kept");
}

int main(void)
{
	trap_install(13, gp_handler, 1, 0);
	tls();
	entries();
	whole_table();
	try_load_fs(0);
	return check_summary();
}
