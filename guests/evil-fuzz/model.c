/*
 * The calls the hypervisor must accept, with random arguments, and what
 * they return (docs/abi.md). To know which descriptors are in force, the
 * guest keeps a model of its GDT: each accepted descriptor as the
 * hypervisor stores it (DPL 0 read as 1). Limits are read conservatively,
 * as if the hypervisor had cut every segment below RESERVE_LOW a page
 * short, so that what the model calls valid is valid on either host.
 *
 * Entries 12 and 13 (the kernel's code and data, in use) are only ever
 * replaced by flat segments like the ones they hold: anything else would
 * move the guest's own code or data under it.
 */
#include <string.h>
#include <types.h>
#include <x86/exception.h>
#include "fuzz.h"

#define SEG_TYPE_CONFORMING 0x4u    /* code segments */

static struct desc gdt[HV_GDT_ENTRIES];
static unsigned kstack_index;      /* the kernel stack's segment (SET_STACK) */

/* Per-call memory (descriptor tables) until the ring has run them. */
static struct desc scratch[(HV_ASYNC_SLOTS + 2) * HV_GDT_ENTRIES];
static unsigned scratch_used;

/* Letters for console writes: the log shows them, so nothing random. */
static const char text[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/*
 * Numbered lines for long console writes (console=N): up to the most one
 * call may write, more than a guest may have waiting on the console, so
 * the hypervisor must stop and resume the write; the log shows whether
 * every byte came out once and in order.
 */
#define LINE_BYTES          64
static char lines[2 * HV_CONSOLE_MAX];

int gdt_settable(unsigned i)
{
	return i >= HV_GDT_FIRST_GUEST && i < HV_GDT_ENTRIES &&
	       i != HV_GDT_TSS && i != HV_GDT_DF_TSS;
}

static uint32_t desc_base(struct desc d)
{
	return (d.lo >> 16) | ((d.hi & 0xFFu) << 16) | (d.hi & 0xFF000000u);
}

static uint32_t desc_limit(struct desc d)
{
	uint32_t raw = (d.lo & 0xFFFFu) | (d.hi & 0xF0000u);

	return (d.hi & DESC_G) ? (raw << 12) | 0xFFFu : raw;
}

static unsigned dpl_as_stored(struct desc d)
{
	return desc_dpl(d) ? desc_dpl(d) : 1;
}

struct desc byte_segment(uint32_t base, uint32_t limit, uint32_t type,
			 unsigned dpl)
{
	return desc_segment_bytes(base, limit & 0xFFFFFu, type, dpl);
}

/* Whether entry index is a ring-1 code segment, and its limit if so. */
int model_code_segment(unsigned index, uint32_t *limit)
{
	struct desc d = gdt[index];
	uint32_t base = desc_base(d);

	if (!(d.hi & DESC_P) || !(d.hi & DESC_S) ||
	    !(desc_type(d) & SEG_TYPE_CODE) || dpl_as_stored(d) != 1 ||
	    base >= RESERVE_LOW - 2 * PAGE_SIZE)
		return 0;
	*limit = desc_limit(d);
	if (*limit > RESERVE_LOW - PAGE_SIZE - base)
		*limit = RESERVE_LOW - PAGE_SIZE - base;
	return 1;
}

/*
 * Stores what the guest puts in entry index. The hypervisor maps the kernel
 * stack ahead (pins it) at every page-table change, at ESP in its
 * segment; the fuzzer keeps that segment based at 0 and 32-bit, so that
 * the pages pinned are the ones SET_STACK was checked for, whatever the
 * segment's base did to them.
 */
static struct desc model_set(unsigned index, struct desc d)
{
	if (index == kstack_index && (d.hi & DESC_P) &&
	    !(desc_type(d) & SEG_TYPE_CODE)) {
		d.lo &= 0xFFFFu;            /* base 15:0 */
		d.hi &= 0x00FFFF00u;        /* base 23:16 and 31:24 */
		d.hi |= DESC_DB;
	}
	gdt[index] = d;
	return d;
}

int model_stack_segment(unsigned index)
{
	struct desc d = gdt[index];

	return (d.hi & DESC_P) && (d.hi & DESC_S) &&
	       !(desc_type(d) & SEG_TYPE_CODE) &&
	       (desc_type(d) & SEG_TYPE_WRITABLE) && dpl_as_stored(d) == 1;
}

/*
 * Whether the hypervisor holds entry index as a ring-1 code segment (its
 * own test, exactly), and the highest offset it can allow there on either
 * host: the limit, cut below the higher reserve.
 */
int model_ring1_code(unsigned index, uint32_t *max)
{
	struct desc d = gdt[index];
	uint32_t base = desc_base(d);

	if (!(d.hi & DESC_P) || !(d.hi & DESC_S) ||
	    !(desc_type(d) & SEG_TYPE_CODE) || dpl_as_stored(d) != 1)
		return 0;
	*max = desc_limit(d);
	if (*max > RESERVE_HIGH - 1 - base)
		*max = RESERVE_HIGH - 1 - base;
	return 1;
}

/* A present code or data descriptor the hypervisor must accept. */
void random_descriptor(struct desc *d)
{
	uint32_t base, type;

	switch (below(4)) {
	case 0:
		base = 0;
		break;
	case 1:
		base = below(fuzz.mem);
		break;
	default:
		base = below(RESERVE_LOW);
		break;
	}
	if (chance(50))
		type = SEG_TYPE_CODE | (chance(50) ? SEG_TYPE_READABLE : 0) |
		       (chance(30) ? SEG_TYPE_CONFORMING : 0);
	else
		type = chance(70) ? SEG_TYPE_WRITABLE : 0;
	type |= chance(50) ? SEG_TYPE_ACCESSED : 0;
	*d = byte_segment(base, rnd(), type, below(4));
	d->hi &= ~DESC_DB;
	d->hi |= (chance(50) ? DESC_G : 0) | (chance(80) ? DESC_DB : 0) |
		 (chance(20) ? DESC_AVL : 0);
}

struct desc model_valid_entry(unsigned index)
{
	struct desc d = { 0, 0 };

	if (index == GDT_KERNEL_CODE)
		return desc_flat(SEG_CODE_RX, below(2));
	if (index == GDT_KERNEL_DATA)
		return desc_flat(SEG_DATA_RW, below(2));
	if (chance(80))
		random_descriptor(&d);
	return d;
}

static struct desc *scratch_alloc(unsigned n)
{
	struct desc *p;

	if (scratch_used + n > sizeof(scratch) / sizeof(scratch[0]))
		hv_crash("fuzzer: scratch tables exhausted");
	p = &scratch[scratch_used];
	scratch_used += n;
	return p;
}

static void lines_init(void)
{
	unsigned i, j;

	for (i = 0; i < sizeof(lines) / LINE_BYTES; i++) {
		char *l = &lines[i * LINE_BYTES];

		memcpy(l, "line ", 5);
		l[5] = (char)('0' + i / 100);
		l[6] = (char)('0' + i / 10 % 10);
		l[7] = (char)('0' + i % 10);
		l[8] = ' ';
		for (j = 9; j < LINE_BYTES - 1; j++)
			l[j] = text[(i + j) % (sizeof(text) - 1)];
		l[LINE_BYTES - 1] = '\n';
	}
}

void model_init(void)
{
	lines_init();
	gdt[GDT_KERNEL_CODE] = desc_flat(SEG_CODE_RX, 1);
	gdt[GDT_KERNEL_DATA] = desc_flat(SEG_DATA_RW, 1);
	gdt[HV_GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	gdt[HV_GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	/* Text that ends where memory ends, for writes up to the last byte. */
	memcpy((char *)(fuzz.mem - 16), text, 16);
}

/* Any address at all: for calls that read nothing there. */
static uint32_t any_address(void)
{
	static const uint32_t edges[] = {
		0, 1, 0xFFF, 0x1000, RESERVE_LOW - 1, RESERVE_LOW, RESERVE_HIGH,
		0xFFFFFFFFu, 0x80000000u,
	};

	if (chance(50))
		return rnd();
	if (chance(50))
		return fuzz.mem + (rnd() % 3) - 1;
	return edges[below(sizeof(edges) / sizeof(edges[0]))];
}

static void gen_console(struct call *c)
{
	uint32_t len;

	c->arg[0] = any_address();
	c->arg[1] = 0;
	if (fuzz.console && below(fuzz.console) == 0) {
		uint32_t at;

		len = HV_CONSOLE_MAX / 2 + below(HV_CONSOLE_MAX / 2 + 1);
		at = below(sizeof(lines) - len + 1);
		c->arg[0] = (uint32_t)&lines[at];
		c->arg[1] = len;
		fuzz.text = lines[at + len - 1] != '\n';
	} else if (below(1000) == 0) {     /* rarely: the log shows it all */
		len = 1 + below(8);
		c->arg[0] = chance(50) ? fuzz.mem - len :
			    (uint32_t)text + below(sizeof(text) - len);
		c->arg[1] = len;
		fuzz.text = 1;
	}
	c->expect = c->arg[1];
}

static void gen_gdt_entry(struct call *c)
{
	/* The users' entries, the TLS ones, and free ones up to the last the
	 * guest may set: never the kernel's (in use) nor the hypervisor's. */
	static const uint8_t indices[] = { HV_GDT_USER_CODE, HV_GDT_USER_DATA,
		HV_GDT_TLS_FIRST, HV_GDT_TLS_FIRST + 1, HV_GDT_TLS_FIRST + 2,
		3, 4, 5, 9, 10, 11, 20, 24, HV_GDT_DF_TSS - 1 };
	unsigned i = indices[below(sizeof(indices))];
	struct desc d = { 0, 0 };

	if (chance(85))
		random_descriptor(&d);
	d = model_set(i, d);
	c->arg[0] = i;
	c->arg[1] = d.lo;
	c->arg[2] = d.hi;
}

static void gen_gdt(struct call *c)
{
	unsigned count = below(HV_GDT_ENTRIES + 1), i;
	struct desc *t = scratch_alloc(HV_GDT_ENTRIES);

	for (i = 0; i < count; i++) {
		if (!gdt_settable(i)) {
			/* Skipped by the hypervisor: garbage does no harm. */
			t[i].lo = rnd();
			t[i].hi = rnd();
			continue;
		}
		t[i] = model_set(i, model_valid_entry(i));
	}
	c->arg[0] = count ? (uint32_t)t : any_address();
	c->arg[1] = count;
}

static void gen_tls(struct call *c)
{
	struct desc *t = scratch_alloc(HV_GDT_TLS_ENTRIES);
	unsigned i;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++) {
		t[i] = model_set(HV_GDT_TLS_FIRST + i,
				 model_valid_entry(HV_GDT_TLS_FIRST + i));
	}
	c->arg[0] = (uint32_t)t;
}

/* A 32-bit stack segment based at 0 (see model_set()). */
static int flat_stack(unsigned index)
{
	return model_stack_segment(index) && desc_base(gdt[index]) == 0 &&
	       (gdt[index].hi & DESC_DB);
}

/* A random ring-1 code (code) or flat stack segment; 12 and 13 always are. */
static unsigned pick_index(int code)
{
	unsigned found[HV_GDT_ENTRIES], n = 0, i;
	uint32_t limit;

	for (i = 0; i < HV_GDT_ENTRIES; i++)
		if (code ? model_code_segment(i, &limit) : flat_stack(i))
			found[n++] = i;
	return found[below(n)];
}

unsigned pick_ring1_code(void)
{
	return pick_index(1);
}

static void gen_idt(struct call *c)
{
	unsigned index = pick_index(1);
	uint32_t limit, offset;
	struct desc gate;

	model_code_segment(index, &limit);
	offset = chance(20) ? limit : rnd() % (limit + 1);
	gate = desc_gate(SEL(index, below(4)), offset, chance(50) ?
			 SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE, below(4));
	if (chance(20)) {
		/* Not present: anything else in it is ignored. */
		gate.lo = rnd();
		gate.hi = rnd() & ~DESC_P;
	}
	c->arg[0] = below(NUM_VECTORS);
	c->arg[1] = gate.lo;
	c->arg[2] = gate.hi;
}

static void gen_stack(struct call *c)
{
	uint32_t pages = 1 + below(16);
	uint32_t low = (pages - 1) * PAGE_SIZE + 1;

	kstack_index = pick_index(0);
	c->arg[0] = SEL(kstack_index, 1);
	c->arg[1] = low + below(fuzz.mem - low + 1);
	c->arg[2] = pages;
}

static void gen_timer(struct call *c)
{
	/* Off, or so far ahead (18 minutes and more) that it never fires. */
	c->arg[0] = chance(30) || fuzz.final ? 0 : rnd();
	c->arg[1] = c->arg[0] ? 0x100 + below(0xFFFFFF00u) : 0;
}

static void gen_paging(struct call *c)
{
	uint32_t span_low = fuzz.pae ? 0xFFFFFFFFu : RESERVE_LOW - 1;

	c->arg[0] = fuzz.paging && chance(50) ? paging_root() : rnd();
	c->arg[1] = below(RESERVE_LOW);
	switch (below(fuzz.pae ? 4 : 3)) {
	case 0:
		c->nr = HV_CALL_SET_PTE;
		break;
	case 1:
		/* At times the last entry below the reserve or, on PAE,
		 * the one holding it, which starts below it. */
		c->nr = HV_CALL_SET_PGD;
		c->arg[1] = chance(10) ? span_low : c->arg[1];
		break;
	case 2:
		c->nr = HV_CALL_FLUSH_TLB;
		c->arg[0] = below(2);
		break;
	default:
		c->nr = HV_CALL_SET_PMD;
		break;
	}
}

static void gen_simple(struct call *c)
{
	static const uint32_t nrs[] = { HV_CALL_FLUSH_ASYNC, HV_CALL_TS,
		HV_CALL_WALL_CLOCK, HV_CALL_SET_TIMER };

	c->nr = nrs[below(sizeof(nrs) / sizeof(nrs[0]))];
	if (c->nr == HV_CALL_SET_TIMER)
		gen_timer(c);
	c->any_result = c->nr == HV_CALL_WALL_CLOCK;
}

struct generator {
	uint32_t nr;                /* 0: the generator sets it */
	void (*fn)(struct call *c);
	unsigned weight;
};

static const struct generator generators[] = {
	{ 0, gen_simple, 4 },
	{ 0, gen_paging, 4 },
	{ HV_CALL_CONSOLE_WRITE, gen_console, 2 },
	{ HV_CALL_LOAD_IDT_ENTRY, gen_idt, 3 },
	{ HV_CALL_LOAD_GDT_ENTRY, gen_gdt_entry, 3 },
	{ HV_CALL_LOAD_GDT, gen_gdt, 1 },
	{ HV_CALL_LOAD_TLS, gen_tls, 2 },
	{ HV_CALL_SET_STACK, gen_stack, 2 },
};

/* A random call the ABI says must succeed, with the result it must give. */
void valid_call(struct call *c)
{
	unsigned total = 0, i, pick;

	for (i = 0; i < sizeof(generators) / sizeof(generators[0]); i++)
		total += generators[i].weight;
	memset(c, 0, sizeof(*c));
	for (i = 0; i < 4; i++)
		c->arg[i] = rnd();  /* arguments a call ignores are garbage */
	if (fuzz.paging && chance(1)) {
		c->nr = HV_CALL_NEW_PGTABLE;
		c->arg[0] = paging_root();
		return;
	}
	pick = below(total);
	for (i = 0; pick >= generators[i].weight; i++)
		pick -= generators[i].weight;
	c->nr = generators[i].nr;
	generators[i].fn(c);
}

void model_ring_empty(void)
{
	scratch_used = 0;
}
