/* Guest GDT and IDT entry checks and segment revalidation, by tables. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <x86/desc.h>
#include <guests/abi.h>
#include <lib/segments.h>
#include <hv/descriptors.h>
#include <hv/vectors.h>
#include "check.h"

#define FLAT            0xFFFFFFFFu
#define SYS_TYPE_CALL_GATE      0xCu
#define SYS_TYPE_INTR_GATE16    0x6u
#define SYS_TYPE_TRAP_GATE16    0x7u

/* ---- gdt_entry_check ---- */

struct gdt_case {
	const char *what;
	struct desc in;
	const char *refusal;    /* substring of the reason, or NULL */
	struct desc out;        /* the descriptor afterwards */
};

static struct desc with_hi(struct desc d, uint32_t set, uint32_t clear)
{
	d.hi = (d.hi & ~clear) | set;
	return d;
}

#define ACC     (SEG_TYPE_ACCESSED << DESC_TYPE_SHIFT)
#define DPL(n)  ((uint32_t)(n) << DESC_DPL_SHIFT)

static void test_gdt_entry_check(void)
{
	const struct desc code0 = desc_segment(0, FLAT, SEG_CODE_RX, 0);
	const struct desc code1 = desc_segment(0, FLAT, SEG_CODE_RX, 1);
	const struct desc data1 = desc_segment(0x1000, 0xFFFFF, SEG_DATA_RW, 1);
	const struct desc data3 = desc_segment(0, FLAT, SEG_DATA_RW, 3);
	const struct desc tss = desc_system(0x2000, 0x67, SYS_TYPE_TSS32_AVAIL, 1);
	const struct gdt_case cases[] = {
		{ "all zero: removal", { 0, 0 }, NULL, { 0, 0 } },
		{ "not present", with_hi(code1, 0, DESC_P), "not present",
		  with_hi(code1, 0, DESC_P) },
		{ "low word only", { 0x1234, 0 }, "not present", { 0x1234, 0 } },
		{ "system (TSS)", tss, "system", tss },
		{ "system, zero type", with_hi(code1, 0, DESC_S | DESC_TYPE_MASK),
		  "system", with_hi(code1, 0, DESC_S | DESC_TYPE_MASK) },
		{ "L bit", with_hi(code1, DESC_L, 0), "reserved",
		  with_hi(code1, DESC_L, 0) },
		{ "DPL 0 code raised to 1", code0, NULL,
		  with_hi(code0, DPL(1) | ACC, 0) },
		{ "DPL 0 data raised to 1",
		  desc_segment(0, FLAT, SEG_DATA_RW, 0), NULL,
		  with_hi(desc_segment(0, FLAT, SEG_DATA_RW, 0), DPL(1) | ACC, 0) },
		{ "DPL 1 code", code1, NULL, with_hi(code1, ACC, 0) },
		{ "DPL 1 data", data1, NULL, with_hi(data1, ACC, 0) },
		{ "DPL 3 data kept", data3, NULL, with_hi(data3, ACC, 0) },
		{ "DPL 3 code kept", desc_segment(0, FLAT, SEG_CODE_RX, 3), NULL,
		  with_hi(desc_segment(0, FLAT, SEG_CODE_RX, 3), ACC, 0) },
		{ "already accessed", with_hi(data1, ACC, 0), NULL,
		  with_hi(data1, ACC, 0) },
		{ "AVL bit allowed", with_hi(data1, DESC_AVL, 0), NULL,
		  with_hi(data1, DESC_AVL | ACC, 0) },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct gdt_case *c = &cases[i];
		struct desc d = c->in;
		const char *why = gdt_entry_check(&d);

		check_current = c->what;
		if (c->refusal) {
			CHECK(why != NULL);
			CHECK(why && strstr(why, c->refusal) != NULL);
		} else {
			CHECK(why == NULL);
		}
		CHECK_EQ(d.lo, c->out.lo);
		CHECK_EQ(d.hi, c->out.hi);
	}
	/* The result really is DPL 1 and accessed. */
	{
		struct desc d = code0;

		CHECK(gdt_entry_check(&d) == NULL);
		CHECK_EQ(desc_dpl(d), 1);
		CHECK_EQ(desc_type(d), SEG_CODE_RX | SEG_TYPE_ACCESSED);
	}
}

/* ---- gdt_index_settable ---- */

static void test_gdt_index_settable(void)
{
	static const unsigned refused[] = {
		GDT_NULL, GDT_HV_CODE, GDT_HV_DATA, GDT_TSS, GDT_DF_TSS,
		HV_GDT_ENTRIES, HV_GDT_ENTRIES + 1, 255, 8191, 0xFFFFFFFFu,
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(refused); i++)
		CHECK(!gdt_index_settable(refused[i]));
	for (i = HV_GDT_FIRST_GUEST; i < HV_GDT_ENTRIES; i++)
		CHECK_EQ(gdt_index_settable(i), i != GDT_TSS && i != GDT_DF_TSS);
	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
		CHECK(gdt_index_settable(HV_GDT_TLS_FIRST + i));
	CHECK(gdt_index_settable(GDT_GUEST_CODE));
	CHECK(gdt_index_settable(GDT_USER_DATA));
}

/* The layout is Linux i386's (arch/x86/include/asm/segment.h), so that a
 * Linux guest keeps its own GDT. */
static void test_gdt_layout(void)
{
	CHECK_EQ(HV_GDT_ENTRIES, 32);
	CHECK_EQ(HV_GDT_TLS_FIRST, 6);
	CHECK_EQ(HV_GDT_TLS_ENTRIES, 3);
	CHECK_EQ(HV_SEL_KERNEL_CODE, 0x61);
	CHECK_EQ(HV_SEL_KERNEL_DATA, 0x69);
	CHECK_EQ(HV_SEL_USER_CODE, 0x73);
	CHECK_EQ(HV_SEL_USER_DATA, 0x7B);
	CHECK_EQ(GDT_TSS, 16);
	CHECK_EQ(GDT_DF_TSS, 31);
	CHECK_EQ(SEL_GUEST_CODE, HV_SEL_KERNEL_CODE);
	CHECK_EQ(SEL(GDT_USER_DATA, 3), HV_SEL_USER_DATA);
}

/* ---- a guest's GDT: the hypervisor's layout plus a few of its own ---- */

#define GDT_EXTRA_DATA  (GDT_TSS + 1)   /* ring-1 writable data */
#define GDT_EXTRA_RO    (GDT_TSS + 2)   /* ring-1 read-only data */
#define GDT_EXTRA_CODE  (GDT_TSS + 3)   /* ring-1 execute-only code */
#define GDT_EXTRA_RCODE (GDT_TSS + 4)   /* ring-1 readable code */
#define GDT_EMPTY       (GDT_TSS + 5)   /* nothing in it */
#define GDT_TLS_DATA3   (HV_GDT_TLS_FIRST + 1)  /* ring-3 writable data */

static struct desc gdt[HV_GDT_ENTRIES];
static struct trap_frame regs;

static void gdt_reset(void)
{
	memset(gdt, 0, sizeof(gdt));
	gdt[GDT_HV_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 0);
	gdt[GDT_HV_DATA] = desc_segment(0, FLAT, SEG_DATA_RW, 0);
	gdt[GDT_GUEST_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 1);
	gdt[GDT_GUEST_DATA] = desc_segment(0, FLAT, SEG_DATA_RW, 1);
	gdt[GDT_USER_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 3);
	gdt[GDT_USER_DATA] = desc_segment(0, FLAT, SEG_DATA_RW, 3);
	gdt[GDT_TSS] = desc_system(0x3000, 0x67, SYS_TYPE_TSS32_BUSY, 0);
	gdt[GDT_DF_TSS] = desc_system(0x4000, 0x67, SYS_TYPE_TSS32_AVAIL, 0);
	gdt[GDT_EXTRA_DATA] = desc_segment(0x10000, 0xFFFF, SEG_DATA_RW, 1);
	gdt[GDT_EXTRA_RO] = desc_segment(0, FLAT, 0, 1);
	gdt[GDT_EXTRA_CODE] = desc_segment(0, FLAT, SEG_TYPE_CODE, 1);
	gdt[GDT_EXTRA_RCODE] = desc_segment(0, FLAT, SEG_CODE_RX, 1);
	gdt[GDT_TLS_DATA3] = desc_segment(0x20000, 0xFFF, SEG_DATA_RW, 3);
}

/* A guest kernel running in ring 1 with ordinary selectors. */
static void regs_ring1(void)
{
	memset(&regs, 0, sizeof(regs));
	regs.cs = HV_SEL_KERNEL_CODE;
	regs.ss = HV_SEL_KERNEL_DATA;
	regs.ds = HV_SEL_KERNEL_DATA;
	regs.es = HV_SEL_KERNEL_DATA;
	regs.fs = SEL(GDT_EXTRA_DATA, 1);
	regs.gs = 0;
}

/*
 * Runs fn in a child, so that a crash in the code under test fails the
 * checks here instead of ending the suite. Returns whether the child
 * exited normally with status 0.
 */
static bool in_child(void (*fn)(void))
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		check_failed = 0;
		fn();
		_exit(check_failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* ---- segments_revalidate ---- */

static void test_revalidate_unchanged(void)
{
	gdt_reset();
	regs_ring1();
	regs.gs = SEL(GDT_USER_DATA, 3);
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.cs, HV_SEL_KERNEL_CODE);
	CHECK_EQ(regs.ss, HV_SEL_KERNEL_DATA);
	CHECK_EQ(regs.ds, HV_SEL_KERNEL_DATA);
	CHECK_EQ(regs.es, HV_SEL_KERNEL_DATA);
	CHECK_EQ(regs.fs, SEL(GDT_EXTRA_DATA, 1));
	CHECK_EQ(regs.gs, SEL(GDT_USER_DATA, 3));

	/* A user process in ring 3. */
	regs.cs = HV_SEL_USER_CODE;
	regs.ss = HV_SEL_USER_DATA;
	regs.ds = regs.es = HV_SEL_USER_DATA;
	regs.fs = 0;
	regs.gs = SEL(GDT_TLS_DATA3, 3);
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, HV_SEL_USER_DATA);
	CHECK_EQ(regs.es, HV_SEL_USER_DATA);
	CHECK_EQ(regs.gs, SEL(GDT_TLS_DATA3, 3));
}

struct revalidate_case {
	const char *what;
	unsigned remove;        /* GDT entry zeroed first, or 0 */
	uint32_t cs, ss;
	const char *refusal;    /* substring of the reason */
};

static void test_revalidate_cs_ss(void)
{
	static const struct revalidate_case cases[] = {
		{ "CS removed", GDT_GUEST_CODE, HV_SEL_KERNEL_CODE,
		  HV_SEL_KERNEL_DATA, "code segment" },
		{ "SS removed", GDT_GUEST_DATA, HV_SEL_KERNEL_CODE,
		  HV_SEL_KERNEL_DATA, "stack segment" },
		{ "user CS removed", GDT_USER_CODE, HV_SEL_USER_CODE,
		  HV_SEL_USER_DATA, "code segment" },
		{ "user SS removed", GDT_USER_DATA, HV_SEL_USER_CODE,
		  HV_SEL_USER_DATA, "stack segment" },
		{ "CS names data", 0, HV_SEL_KERNEL_DATA, HV_SEL_KERNEL_DATA,
		  "code segment" },
		{ "CS names ring-3 code from ring 1", 0, SEL(GDT_USER_CODE, 1),
		  HV_SEL_KERNEL_DATA, "code segment" },
		{ "SS names code", 0, HV_SEL_KERNEL_CODE, HV_SEL_KERNEL_CODE,
		  "stack segment" },
		{ "SS read-only", 0, HV_SEL_KERNEL_CODE, SEL(GDT_EXTRA_RO, 1),
		  "stack segment" },
		{ "SS ring-3 data from ring 1", 0, HV_SEL_KERNEL_CODE,
		  SEL(GDT_USER_DATA, 1), "stack segment" },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct revalidate_case *c = &cases[i];
		const char *why;

		check_current = c->what;
		gdt_reset();
		if (c->remove)
			gdt[c->remove] = (struct desc){ 0, 0 };
		regs_ring1();
		regs.cs = c->cs;
		regs.ss = c->ss;
		why = segments_revalidate(gdt, HV_GDT_ENTRIES, &regs);
		CHECK(why != NULL);
		CHECK(why && strstr(why, c->refusal) != NULL);
	}
}

static void test_revalidate_data_regs(void)
{
	gdt_reset();
	regs_ring1();
	regs.ds = SEL(GDT_EXTRA_DATA, 1);       /* removed below */
	regs.es = 3;                            /* null selector, RPL 3 */
	regs.fs = HV_SEL_KERNEL_DATA;           /* valid */
	regs.gs = SEL(GDT_EXTRA_RCODE, 1);      /* readable code: valid */
	gdt[GDT_EXTRA_DATA] = (struct desc){ 0, 0 };
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, 0);
	CHECK_EQ(regs.es, 3);
	CHECK_EQ(regs.fs, HV_SEL_KERNEL_DATA);
	CHECK_EQ(regs.gs, SEL(GDT_EXTRA_RCODE, 1));
	CHECK_EQ(regs.cs, HV_SEL_KERNEL_CODE);
	CHECK_EQ(regs.ss, HV_SEL_KERNEL_DATA);

	/* Unusable data segments are zeroed too. */
	gdt_reset();
	regs_ring1();
	regs.ds = SEL(GDT_EXTRA_CODE, 1);       /* execute-only code */
	regs.es = SEL(GDT_HV_DATA, 1);          /* DPL 0 < RPL 1 */
	regs.fs = SEL(GDT_TSS, 1);              /* system */
	regs.gs = 0;
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, 0);
	CHECK_EQ(regs.es, 0);
	CHECK_EQ(regs.fs, 0);
	CHECK_EQ(regs.gs, 0);

	/* Ring 3 keeps its DPL-3 data, loses the ring-1 data. */
	gdt_reset();
	regs_ring1();
	regs.cs = HV_SEL_USER_CODE;
	regs.ss = HV_SEL_USER_DATA;
	regs.ds = HV_SEL_USER_DATA;
	regs.es = SEL(GDT_GUEST_DATA, 3);
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, HV_SEL_USER_DATA);
	CHECK_EQ(regs.es, 0);

	/* Stale upper bits of a saved selector do not matter. */
	gdt_reset();
	regs_ring1();
	regs.ds = 0xFFFF0000 | HV_SEL_KERNEL_DATA;
	regs.es = 0xFFFF0000;                   /* null in its low 16 bits */
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, 0xFFFF0000 | HV_SEL_KERNEL_DATA);
	CHECK_EQ(regs.es, 0xFFFF0000);
}

/* Selectors that name no GDT entry at all: the LDT, or past the table. */
static void revalidate_no_entry(void)
{
	gdt_reset();
	regs_ring1();
	regs.ds = SEL(GDT_GUEST_DATA, 1) | SEL_TI_LDT;
	regs.es = SEL(HV_GDT_ENTRIES, 1);
	regs.fs = SEL(GDT_USER_DATA, 3) | SEL_TI_LDT;
	regs.gs = SEL(8000, 3);
	CHECK(segments_revalidate(gdt, HV_GDT_ENTRIES, &regs) == NULL);
	CHECK_EQ(regs.ds, 0);
	CHECK_EQ(regs.es, 0);
	CHECK_EQ(regs.fs, 0);
	CHECK_EQ(regs.gs, 0);

	/* A shorter table: entries past it do not count. */
	gdt_reset();
	regs_ring1();
	regs.fs = SEL(GDT_EXTRA_DATA, 1);
	CHECK(segments_revalidate(gdt, GDT_EXTRA_DATA, &regs) == NULL);
	CHECK_EQ(regs.fs, 0);
	CHECK_EQ(regs.ds, HV_SEL_KERNEL_DATA);
}

static void revalidate_cs_ss_no_entry(void)
{
	static const uint32_t bad_cs[] = {
		0, 1, HV_SEL_KERNEL_CODE | SEL_TI_LDT, SEL(HV_GDT_ENTRIES, 1),
	};
	static const uint32_t bad_ss[] = {
		0, 1, HV_SEL_KERNEL_DATA | SEL_TI_LDT, SEL(HV_GDT_ENTRIES, 1),
	};
	const char *why;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bad_cs); i++) {
		gdt_reset();
		regs_ring1();
		regs.cs = bad_cs[i];
		why = segments_revalidate(gdt, HV_GDT_ENTRIES, &regs);
		CHECK(why && strstr(why, "code segment") != NULL);
	}
	for (i = 0; i < ARRAY_SIZE(bad_ss); i++) {
		gdt_reset();
		regs_ring1();
		regs.ss = bad_ss[i];
		why = segments_revalidate(gdt, HV_GDT_ENTRIES, &regs);
		CHECK(why && strstr(why, "stack segment") != NULL);
	}
}

static void test_revalidate_no_entry(void)
{
	CHECK(in_child(revalidate_no_entry));
	CHECK(in_child(revalidate_cs_ss_no_entry));
}

/* ---- kernel_stack_segment_ok ---- */

struct stack_case {
	uint32_t ss;
	bool ok;
};

static void test_kernel_stack_segment(void)
{
	static const struct stack_case cases[] = {
		{ HV_SEL_KERNEL_DATA, true },           /* ring-1 writable data */
		{ SEL(GDT_EXTRA_DATA, 1), true },
		{ SEL(GDT_GUEST_DATA, 0), false },      /* RPL 0 */
		{ SEL(GDT_GUEST_DATA, 3), false },      /* RPL 3 */
		{ SEL_HV_DATA, false },                 /* 0x10: ring 0 */
		{ SEL(GDT_HV_DATA, 1), false },         /* DPL 0 segment */
		{ HV_SEL_KERNEL_CODE, false },          /* code */
		{ SEL(GDT_EXTRA_RCODE, 1), false },     /* readable code */
		{ SEL(GDT_EXTRA_RO, 1), false },        /* read-only data */
		{ SEL(GDT_USER_DATA, 1), false },       /* DPL 3 */
		{ HV_SEL_USER_DATA, false },
		{ SEL(GDT_TSS, 1), false },             /* system */
		{ SEL(GDT_EMPTY, 1), false },           /* an empty entry */
	};
	unsigned i;

	gdt_reset();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		CHECK_EQ(kernel_stack_segment_ok(gdt, HV_GDT_ENTRIES,
						 cases[i].ss), cases[i].ok);
	}
	/* Not present. */
	gdt[GDT_EXTRA_DATA].hi &= ~DESC_P;
	CHECK(!kernel_stack_segment_ok(gdt, HV_GDT_ENTRIES,
				       SEL(GDT_EXTRA_DATA, 1)));
}

/* Selectors naming no GDT entry (a guest passes any ss it likes). */
static void kernel_stack_no_entry(void)
{
	static const uint32_t sels[] = {
		1, SEL(GDT_GUEST_DATA, 1) | SEL_TI_LDT, SEL(HV_GDT_ENTRIES, 1),
		SEL(8191, 1),
	};
	unsigned i;

	gdt_reset();
	for (i = 0; i < ARRAY_SIZE(sels); i++)
		CHECK(!kernel_stack_segment_ok(gdt, HV_GDT_ENTRIES, sels[i]));
}

static void test_kernel_stack_no_entry(void)
{
	CHECK(in_child(kernel_stack_no_entry));
}

/* ---- idt_entry_check ---- */

static struct desc gate(uint32_t type, unsigned dpl)
{
	struct desc d = desc_gate(HV_SEL_KERNEL_CODE, 0x00104560, type, dpl);

	return d;
}

static struct desc gate_not_present(uint32_t type)
{
	struct desc g = gate(type, 1);

	g.hi &= ~DESC_P;
	return g;
}

struct idt_case {
	const char *what;
	unsigned vector;
	struct desc g;
	const char *refusal;    /* substring of the reason, or NULL */
};

static void test_idt_entry_check(void)
{
	struct desc seg = desc_segment(0, FLAT, SEG_CODE_RX, 1);
	const struct idt_case cases[] = {
		{ "empty", 0x21, { 0, 0 }, NULL },
		{ "not present, any type", 14,
		  gate_not_present(SYS_TYPE_TASK_GATE), NULL },
		{ "not present, segment", 14, { seg.lo, seg.hi & ~DESC_P }, NULL },
		{ "interrupt gate", 0x20, gate(SYS_TYPE_INTR_GATE, 1), NULL },
		{ "interrupt gate, DPL 3", 0x80, gate(SYS_TYPE_INTR_GATE, 3), NULL },
		{ "trap gate", 3, gate(SYS_TYPE_TRAP_GATE, 3), NULL },
		{ "trap gate, vector 255", 255, gate(SYS_TYPE_TRAP_GATE, 1), NULL },
		{ "task gate", 8, gate(SYS_TYPE_TASK_GATE, 1),
		  "not an interrupt or trap gate" },
		{ "call gate", 0x40, gate(SYS_TYPE_CALL_GATE, 3),
		  "not an interrupt or trap gate" },
		{ "16-bit interrupt gate", 0x40, gate(SYS_TYPE_INTR_GATE16, 1),
		  "not an interrupt or trap gate" },
		{ "16-bit trap gate", 0x40, gate(SYS_TYPE_TRAP_GATE16, 1),
		  "not an interrupt or trap gate" },
		{ "TSS descriptor", 0x40, gate(SYS_TYPE_TSS32_AVAIL, 1),
		  "not an interrupt or trap gate" },
		{ "segment descriptor", 0x40, { seg.lo, seg.hi }, "not a gate" },
		{ "S bit on a trap gate", 0x40,
		  { gate(SYS_TYPE_TRAP_GATE, 1).lo,
		    gate(SYS_TYPE_TRAP_GATE, 1).hi | DESC_S }, "not a gate" },
		{ "vector 256", 256, gate(SYS_TYPE_TRAP_GATE, 1), "out of range" },
		{ "vector 256, empty", 256, { 0, 0 }, "out of range" },
		{ "vector 0xFFFFFFFF", 0xFFFFFFFFu, gate(SYS_TYPE_INTR_GATE, 1),
		  "out of range" },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct idt_case *c = &cases[i];
		const char *why = idt_entry_check(c->vector, &c->g);

		check_current = c->what;
		if (c->refusal) {
			CHECK(why != NULL);
			CHECK(why && strstr(why, c->refusal) != NULL);
		} else {
			CHECK(why == NULL);
		}
	}
}

/* ---- idt_entry_direct ---- */

static void test_idt_entry_direct(void)
{
	static const unsigned direct[] = { 0, 1, 3, 4, 5, 6, 16, 17, 0x80 };
	static const unsigned never[] = {
		7, 8, 13, 14, HV_HYPERCALL_VECTOR, 32, 33, 0x7F, 0x81, 0xF0,
		255, 256,
	};
	const struct desc trap = gate(SYS_TYPE_TRAP_GATE, 3);
	const struct desc intr = gate(SYS_TYPE_INTR_GATE, 3);
	const struct desc task = gate(SYS_TYPE_TASK_GATE, 3);
	const struct desc absent = gate_not_present(SYS_TYPE_TRAP_GATE);
	const struct desc empty = { 0, 0 };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(direct); i++) {
		CHECK(idt_entry_direct(direct[i], &trap));
		CHECK(!idt_entry_direct(direct[i], &intr));
		CHECK(!idt_entry_direct(direct[i], &task));
		CHECK(!idt_entry_direct(direct[i], &absent));
		CHECK(!idt_entry_direct(direct[i], &empty));
	}
	for (i = 0; i < ARRAY_SIZE(never); i++) {
		CHECK(!idt_entry_direct(never[i], &trap));
		CHECK(!idt_entry_direct(never[i], &intr));
	}
	/* Every vector from 32 on but the system call comes to us. */
	for (i = 32; i < 256; i++)
		CHECK_EQ(idt_entry_direct(i, &trap), i == 0x80);
}


/* ---- segment_confine and gate_selector_ok ---- */

#define TOP_2LEVEL 0xFFC00000u

static uint32_t limit_of(struct desc d)
{
	uint32_t raw = (d.lo & 0xFFFFu) | (d.hi & 0xF0000u);

	return (d.hi & DESC_G) ? (raw << 12) | 0xFFFu : raw;
}

static void test_segment_confine(void)
{
	struct desc flat = desc_segment(0, 0xFFFFFFFF, SEG_DATA_RW, 1);
	struct desc small = desc_segment(0x1000, 0x0FFFFF, SEG_CODE_RX, 1);
	struct desc high = desc_segment(0xFFC00000u, 0xFFF, SEG_DATA_RW, 1);
	struct desc down = desc_segment(0, 0xFFFFF, SEG_DATA_RW | 0x4u, 1);
	struct desc near = desc_segment(0xFFBFF800u, 0xFFFFFFFF, SEG_DATA_RW, 1);

	CHECK(segment_confine(&flat, TOP_2LEVEL) == NULL);
	CHECK_EQ(limit_of(flat), TOP_2LEVEL - 1);
	CHECK(flat.hi & DESC_G);
	CHECK(segment_confine(&small, TOP_2LEVEL) == NULL);
	CHECK_EQ(limit_of(small), 0x0FFFFF);            /* already below: kept */
	CHECK(segment_confine(&high, TOP_2LEVEL) != NULL);
	CHECK(segment_confine(&down, TOP_2LEVEL) != NULL);
	CHECK(segment_confine(&near, TOP_2LEVEL) == NULL);
	CHECK(0xFFBFF800u + limit_of(near) < TOP_2LEVEL);
	CHECK_EQ(limit_of(near), 0x7FF);                /* byte-granular now */
	CHECK(!(near.hi & DESC_G));
}

/* The machine's own events never go straight to a guest. */
static void test_nmi_mce_intercepted(void)
{
	struct desc trap = desc_gate(HV_SEL_KERNEL_CODE, 0, SYS_TYPE_TRAP_GATE, 0);

	CHECK(!idt_entry_direct(VEC_NMI, &trap));
	CHECK(!idt_entry_direct(VEC_MACHINE_CHECK, &trap));
	CHECK(idt_entry_direct(VEC_BREAKPOINT, &trap));
}

static void test_gate_selector_ok(void)
{
	struct desc table[HV_GDT_ENTRIES] = { { 0, 0 } };

	table[GDT_HV_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 0);
	table[GDT_GUEST_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 1);
	table[GDT_GUEST_DATA] = desc_segment(0, FLAT, SEG_DATA_RW, 1);
	table[GDT_USER_CODE] = desc_segment(0, FLAT, SEG_CODE_RX, 3);
	CHECK(gate_selector_ok(table, HV_GDT_ENTRIES, HV_SEL_KERNEL_CODE));
	CHECK(gate_selector_ok(table, HV_GDT_ENTRIES,     /* RPL is ignored */
			       SEL(GDT_GUEST_CODE, 0)));
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES, SEL_HV_CODE));  /* ring 0 */
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES, HV_SEL_KERNEL_DATA));
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES, HV_SEL_USER_CODE));
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES, 0x00));
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES,    /* LDT bit */
				HV_SEL_KERNEL_CODE | SEL_TI_LDT));
	CHECK(!gate_selector_ok(table, HV_GDT_ENTRIES,    /* past the end */
				SEL(HV_GDT_ENTRIES, 0)));
}

/* A gate's offset must lie inside its code segment, which ends below the
 * switcher: a handler in the reserve is refused. */
static void test_gate_offset_ok(void)
{
	const uint32_t top = 0xFFC00000u;
	struct desc table[HV_GDT_ENTRIES] = { { 0, 0 } };
	struct desc small = desc_segment(0x100000, 0xFFFFF, SEG_CODE_RX, 1);
	const uint16_t code = HV_SEL_KERNEL_CODE, data = HV_SEL_KERNEL_DATA;
	const uint16_t small_code = SEL(GDT_EXTRA_RCODE, 1);
	const uint16_t empty = SEL(GDT_EMPTY, 1);

	table[GDT_GUEST_CODE] = desc_flat(SEG_CODE_RX, 1);
	CHECK(segment_confine(&table[GDT_GUEST_CODE], top) == NULL);
	table[GDT_GUEST_DATA] = desc_flat(SEG_DATA_RW, 1);
	table[GDT_EXTRA_RCODE] = small;
	CHECK(gate_offset_ok(table, HV_GDT_ENTRIES,
			     desc_gate(code, 0x00101000, SYS_TYPE_TRAP_GATE, 1)));
	CHECK(gate_offset_ok(table, HV_GDT_ENTRIES,
			     desc_gate(code, top - 1, SYS_TYPE_INTR_GATE, 1)));
	CHECK(!gate_offset_ok(table, HV_GDT_ENTRIES,
			      desc_gate(code, top, SYS_TYPE_INTR_GATE, 1)));
	CHECK(!gate_offset_ok(table, HV_GDT_ENTRIES,
			      desc_gate(code, 0xFFFFFFF0u, SYS_TYPE_TRAP_GATE, 3)));
	/* A small segment: its own limit, not the reserve, is the bound. */
	CHECK(gate_offset_ok(table, HV_GDT_ENTRIES,
			     desc_gate(small_code, 0xFFFFF, SYS_TYPE_TRAP_GATE, 1)));
	CHECK(!gate_offset_ok(table, HV_GDT_ENTRIES,
			      desc_gate(small_code, 0x100000, SYS_TYPE_TRAP_GATE, 1)));
	/* within_segment: the limit of any present segment. */
	CHECK(within_segment(table, HV_GDT_ENTRIES, small_code, 0xFFFFF));
	CHECK(!within_segment(table, HV_GDT_ENTRIES, small_code, 0x100000));
	CHECK(within_segment(table, HV_GDT_ENTRIES, data, top - 2));
	CHECK(!within_segment(table, HV_GDT_ENTRIES, empty, 0));
	/* And a bad selector is never good, whatever the offset. */
	CHECK(!gate_offset_ok(table, HV_GDT_ENTRIES,
			      desc_gate(data, 0x1000, SYS_TYPE_TRAP_GATE, 1)));
	CHECK(!gate_offset_ok(table, HV_GDT_ENTRIES,
			      desc_gate(empty, 0x1000, SYS_TYPE_TRAP_GATE, 1)));
}

/* The stack a frame goes on: its base and whether it is a 16-bit one. */
static void test_stack_segment_of(void)
{
	struct desc table[HV_GDT_ENTRIES] = { { 0, 0 } };
	struct desc small16 = desc_segment_bytes(0x10000, 0xFFFF, SEG_DATA_RW, 1);
	uint32_t base = 0xDEAD;
	bool big = false;

	small16.hi &= ~DESC_DB;
	table[GDT_GUEST_CODE] = desc_flat(SEG_CODE_RX, 1);
	table[GDT_GUEST_DATA] = desc_flat(SEG_DATA_RW, 1);
	table[GDT_EXTRA_DATA] = desc_segment(0x00400000, 0xFFFFF, SEG_DATA_RW, 1);
	table[GDT_EXTRA_RO] = small16;
	CHECK(stack_segment_of(table, HV_GDT_ENTRIES, HV_SEL_KERNEL_DATA, &base,
			       &big));
	CHECK_EQ(base, 0);
	CHECK(big);
	CHECK(stack_segment_of(table, HV_GDT_ENTRIES, SEL(GDT_EXTRA_DATA, 1),
			       &base, &big));
	CHECK_EQ(base, 0x00400000);
	CHECK(big);
	CHECK(stack_segment_of(table, HV_GDT_ENTRIES, SEL(GDT_EXTRA_RO, 1),
			       &base, &big));
	CHECK_EQ(base, 0x10000);
	CHECK(!big);
	CHECK(!stack_segment_of(table, HV_GDT_ENTRIES, HV_SEL_KERNEL_CODE, &base,
				&big));
	CHECK(!stack_segment_of(table, HV_GDT_ENTRIES, SEL(GDT_EXTRA_CODE, 1),
				&base, &big));                  /* empty here */
	CHECK(!stack_segment_of(table, HV_GDT_ENTRIES,  /* the LDT */
				HV_SEL_KERNEL_DATA | SEL_TI_LDT, &base, &big));
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_stack_segment_of),
		TEST_ENTRY(test_gate_offset_ok),
		TEST_ENTRY(test_gdt_entry_check),
		TEST_ENTRY(test_gdt_index_settable),
		TEST_ENTRY(test_gdt_layout),
		TEST_ENTRY(test_revalidate_unchanged),
		TEST_ENTRY(test_revalidate_cs_ss),
		TEST_ENTRY(test_revalidate_data_regs),
		TEST_ENTRY(test_revalidate_no_entry),
		TEST_ENTRY(test_kernel_stack_segment),
		TEST_ENTRY(test_kernel_stack_no_entry),
		TEST_ENTRY(test_idt_entry_check),
		TEST_ENTRY(test_idt_entry_direct),
		TEST_ENTRY(test_segment_confine),
		TEST_ENTRY(test_gate_selector_ok),
		TEST_ENTRY(test_nmi_mce_intercepted),
	};
	return check_main("descriptors", tests, ARRAY_SIZE(tests));
}
