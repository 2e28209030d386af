/*
 * Calls the ABI says kill the guest, each with the reason the kill line
 * must give (docs/abi.md; the wording is hv/hc_*.c's). A guest ends with
 * one of them: it prints the reason it expects, makes the call, and the
 * hypervisor's kill line must say the same. Arguments are chosen so that
 * the outcome is the same on either host (see RESERVE_LOW).
 */
#include <stdio.h>
#include <string.h>
#include <types.h>
#include <x86/exception.h>
#include <x86/pte.h>
#include "fuzz.h"

#define CRASH_SHOWN         100     /* the hypervisor shows up to 119 */
#define SEG_TYPE_EXPAND_DOWN 0x4u

typedef void (*fatal_fn)(struct call *c, char *why, int in_ring);

static struct desc table[HV_GDT_ENTRIES];
static char message[CRASH_SHOWN + 1];
static uint64_t pdpt[PAE_PDPT_ENTRIES] __attribute__((aligned(32)));

/* An address from which reading `bytes` bytes leaves guest memory. */
static uint32_t outside(uint32_t bytes)
{
	if (bytes > 1 && chance(30))
		return fuzz.mem - 1 - below(bytes - 1);
	return fuzz.mem + below(0u - fuzz.mem);
}

/* A descriptor with exactly one defect; *what is the hypervisor's word. */
static struct desc bad_descriptor(const char **what)
{
	struct desc d;

	random_descriptor(&d);
	switch (below(5)) {
	case 0:
		d.hi &= ~DESC_P;
		d.lo |= 1;                  /* not all zero: not a removal */
		*what = "descriptor not present";
		break;
	case 1:
		d.hi &= ~DESC_S;
		*what = "system descriptor";
		break;
	case 2:
		d.hi |= DESC_L;
		*what = "reserved bit set";
		break;
	case 3:
		d.hi &= ~DESC_TYPE_MASK;
		d.hi |= (SEG_TYPE_EXPAND_DOWN | (rnd() & SEG_TYPE_WRITABLE))
			<< DESC_TYPE_SHIFT;
		*what = "expand-down segment";
		break;
	default:
		d = byte_segment(RESERVE_HIGH + below(0u - RESERVE_HIGH), rnd(),
				 chance(50) ? SEG_CODE_RX : SEG_DATA_RW,
				 below(4));
		*what = "segment base in the switcher's reserve";
		break;
	}
	return d;
}

/* A valid descriptor that entry 12 (code) or 13 (stack) cannot be in use. */
static struct desc unusable_for(unsigned index, const char **what)
{
	int code = index == GDT_KERNEL_CODE;
	struct desc d = { 0, 0 };

	switch (below(4)) {
	case 0:
		break;                      /* removed */
	case 1:
		d = desc_flat(code ? SEG_DATA_RW : SEG_CODE_RX, 1);
		break;
	case 2:
		d = desc_flat(code ? SEG_CODE_RX : SEG_DATA_RW, 2 + below(2));
		break;
	default:
		d = desc_flat(code ? SEG_DATA_RW : 0, below(2)); /* read-only */
		break;
	}
	*what = code ? "the code segment in use was removed"
		     : "the stack segment in use was removed";
	return d;
}

static void fatal_number(struct call *c, char *why, int in_ring)
{
	(void)in_ring;
	c->nr = chance(20) ? 0 : HV_CALL_COUNT + below(chance(50) ? 8 :
							0xFFFFFF00u);
	snprintf(why, REASON_MAX, "unknown hypercall %u", c->nr);
}

static void fatal_register(struct call *c, char *why, int in_ring)
{
	c->nr = HV_CALL_REGISTER;
	strcpy(why, in_ring ? "register call in the async ring"
			    : "registered its shared page twice");
}

static void fatal_crash(struct call *c, char *why, int in_ring)
{
	unsigned len = below(CRASH_SHOWN + 1), i;
	char shown[CRASH_SHOWN + 1];

	(void)in_ring;
	c->nr = HV_CALL_CRASH;
	if (chance(25)) {
		c->arg[0] = chance(50) ? fuzz.mem - 1 - below(16) : outside(1);
		snprintf(why, REASON_MAX,
			 "crashed (message at 0x%08x unreadable)", c->arg[0]);
		return;
	}
	for (i = 0; i < len; i++) {
		message[i] = (char)(1 + below(255));
		shown[i] = (unsigned char)message[i] < ' ' ||
			   (unsigned char)message[i] >= 0x7F ? '.' : message[i];
	}
	message[len] = shown[len] = '\0';
	c->arg[0] = (uint32_t)message;
	snprintf(why, REASON_MAX, "crashed: %s", shown);
}

static void fatal_kind(struct call *c, char *why, int in_ring)
{
	(void)in_ring;
	c->nr = chance(50) ? HV_CALL_SHUTDOWN : HV_CALL_FLUSH_TLB;
	c->arg[0] = 2 + below(chance(50) ? 8 : 0xFFFFFFF0u);
	snprintf(why, REASON_MAX, c->nr == HV_CALL_SHUTDOWN ?
		 "unknown shutdown kind %u" : "unknown TLB flush kind %u",
		 c->arg[0]);
}

/* A selector the hypervisor refuses where it wants ring-1 code (or, with
 * stack set, a ring-1 writable data segment). */
static uint32_t refused_selector(int stack)
{
	uint32_t limit;
	unsigned i;

	switch (below(4)) {
	case 0:
		return SEL(below(HV_GDT_ENTRIES), 1) | SEL_TI_LDT;
	case 1:
		return SEL(HV_GDT_ENTRIES + below(0x2000 - HV_GDT_ENTRIES), 1);
	case 2:
		if (stack)      /* the right segment, the wrong ring */
			return SEL(below(HV_GDT_ENTRIES),
				   chance(50) ? 0 : 2 + below(2));
		/* A gate's selector may have any RPL. */
		__attribute__((fallthrough));
	default:
		do
			i = below(HV_GDT_ENTRIES);
		while (stack ? model_stack_segment(i)
			     : model_ring1_code(i, &limit));
		return SEL(i, stack ? 1 : below(4));
	}
}

static void fatal_idt(struct call *c, char *why, int in_ring)
{
	static const uint8_t other_types[] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0x5,
		0x6, 0x7, 0x8, 0x9, 0xA, 0xB, 0xC, 0xD };
	uint32_t vector = below(NUM_VECTORS), max;
	unsigned index = pick_ring1_code();
	uint32_t type = chance(50) ? SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE;
	struct desc gate;
	const char *what;

	(void)in_ring;
	model_ring1_code(index, &max);
	gate = desc_gate(SEL(index, below(4)), rnd() % (max + 1), type,
			 below(4));
	switch (below(5)) {
	case 0:
		vector = NUM_VECTORS + below(0u - NUM_VECTORS);
		what = "vector out of range";
		break;
	case 1:
		gate.hi |= DESC_S;
		what = "not a gate";
		break;
	case 2:
		gate.hi &= ~DESC_TYPE_MASK;
		gate.hi |= (uint32_t)other_types[below(sizeof(other_types))]
			   << DESC_TYPE_SHIFT;
		what = "not an interrupt or trap gate";
		break;
	case 3:
		gate.lo = (gate.lo & 0xFFFFu) | refused_selector(0) << 16;
		snprintf(why, REASON_MAX, "bad IDT entry for vector %u: "
			 "selector 0x%x is not a ring-1 code segment", vector,
			 gate_selector(gate));
		what = NULL;
		break;
	default:
		gate = desc_gate(gate_selector(gate), max + 1 +
				 below(0xFFFFFFFFu - max), type, below(4));
		snprintf(why, REASON_MAX, "bad IDT entry for vector %u: offset "
			 "0x%08x is past the limit of its code segment", vector,
			 gate_offset(gate));
		what = NULL;
		break;
	}
	if (what)
		snprintf(why, REASON_MAX, "bad IDT entry for vector %u: %s",
			 vector, what);
	c->nr = HV_CALL_LOAD_IDT_ENTRY;
	c->arg[0] = vector;
	c->arg[1] = gate.lo;
	c->arg[2] = gate.hi;
}

static void fatal_stack(struct call *c, char *why, int in_ring)
{
	uint32_t pages = 1 + below(16), esp, page;

	(void)in_ring;
	c->nr = HV_CALL_SET_STACK;
	c->arg[0] = HV_SEL_KERNEL_DATA;
	c->arg[2] = pages;
	switch (below(4)) {
	case 0:
		c->arg[0] = refused_selector(1);
		snprintf(why, REASON_MAX, "kernel stack segment 0x%x is not a "
			 "ring-1 data segment", c->arg[0]);
		return;
	case 1:
		c->arg[2] = chance(30) ? 0 : 17 + below(0u - 17);
		snprintf(why, REASON_MAX, "kernel stack of %u pages (1 to 16)",
			 c->arg[2]);
		return;
	case 2:
		esp = fuzz.mem + 1 + below(RESERVE_LOW - fuzz.mem);
		c->arg[1] = esp;
		snprintf(why, REASON_MAX, "kernel stack not mapped writable "
			 "(kernel stack page 0x%08x)",
			 (esp - 1) & ~(PAGE_SIZE - 1));
		return;
	default:
		/* esp 0, or pages below address 0, wrap into the reserve. */
		page = below(15);
		esp = chance(20) ? 0 : page * PAGE_SIZE + 1 + below(PAGE_SIZE);
		c->arg[2] = esp ? page + 2 + below(15 - page) : pages;
		if (chance(30))
			esp = RESERVE_HIGH + 1 + below(0u - RESERVE_HIGH - 1);
		page = esp && esp - 1 >= RESERVE_HIGH ?
		       (esp - 1) & ~(PAGE_SIZE - 1) : 0u - PAGE_SIZE;
		c->arg[1] = esp;
		snprintf(why, REASON_MAX, "kernel stack in the switcher's "
			 "reserve (kernel stack page 0x%08x)", page);
		return;
	}
}

/* Entries [0, n) of table as a guest would pass them, all accepted. */
static void good_table(unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		table[i] = model_valid_entry(i);
		if (!gdt_settable(i))       /* skipped: garbage is fine */
			table[i] = (struct desc){ rnd(), rnd() };
	}
}

static void fatal_gdt(struct call *c, char *why, int in_ring)
{
	unsigned count = 1 + below(HV_GDT_ENTRIES), bad;
	const char *what;

	(void)in_ring;
	c->nr = HV_CALL_LOAD_GDT;
	c->arg[0] = (uint32_t)table;
	good_table(HV_GDT_ENTRIES);
	switch (below(4)) {
	case 0:
		count = HV_GDT_ENTRIES + 1 + below(0u - HV_GDT_ENTRIES - 1);
		snprintf(why, REASON_MAX, "GDT of %u entries (at most %u)",
			 count, HV_GDT_ENTRIES);
		break;
	case 1:
		c->arg[0] = outside(count * sizeof(struct desc));
		snprintf(why, REASON_MAX, "GDT at 0x%08x is outside its memory",
			 c->arg[0]);
		break;
	case 2:
		do
			bad = below(HV_GDT_ENTRIES);
		while (!gdt_settable(bad));
		count = bad + 1 + below(HV_GDT_ENTRIES - bad);
		table[bad] = bad_descriptor(&what);
		snprintf(why, REASON_MAX, "bad GDT entry %u: %s", bad, what);
		break;
	default:
		bad = GDT_KERNEL_CODE + below(2);
		count = bad + 1 + below(HV_GDT_ENTRIES - bad);
		table[bad] = unusable_for(bad, &what);
		snprintf(why, REASON_MAX, "%s", what);
		break;
	}
	c->arg[1] = count;
}

static void fatal_gdt_entry(struct call *c, char *why, int in_ring)
{
	static const uint8_t theirs[] = { 0, 1, 2, HV_GDT_TSS, HV_GDT_DF_TSS };
	unsigned index = GDT_KERNEL_CODE + below(2);
	const char *what;
	struct desc d;

	(void)in_ring;
	random_descriptor(&d);
	switch (below(4)) {
	case 0:
		index = HV_GDT_ENTRIES + below(0u - HV_GDT_ENTRIES);
		snprintf(why, REASON_MAX, "GDT entry %u is out of range "
			 "(at most %u)", index, HV_GDT_ENTRIES - 1);
		break;
	case 1:
		index = theirs[below(sizeof(theirs))];
		snprintf(why, REASON_MAX,
			 "GDT entry %u belongs to the hypervisor", index);
		break;
	case 2:
		do
			index = below(HV_GDT_ENTRIES);
		while (!gdt_settable(index));
		d = bad_descriptor(&what);
		snprintf(why, REASON_MAX, "bad GDT entry %u: %s", index, what);
		break;
	default:
		d = unusable_for(index, &what);
		snprintf(why, REASON_MAX, "%s", what);
		break;
	}
	c->nr = HV_CALL_LOAD_GDT_ENTRY;
	c->arg[0] = index;
	c->arg[1] = d.lo;
	c->arg[2] = d.hi;
}

static void fatal_tls(struct call *c, char *why, int in_ring)
{
	unsigned bad = below(HV_GDT_TLS_ENTRIES), i;
	const char *what;

	(void)in_ring;
	c->nr = HV_CALL_LOAD_TLS;
	c->arg[0] = (uint32_t)table;
	if (chance(40)) {
		c->arg[0] = outside(HV_GDT_TLS_ENTRIES * sizeof(struct desc));
		snprintf(why, REASON_MAX, "TLS descriptors at 0x%08x are "
			 "outside its memory", c->arg[0]);
		return;
	}
	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
		table[i] = model_valid_entry(HV_GDT_TLS_FIRST + i);
	table[bad] = bad_descriptor(&what);
	snprintf(why, REASON_MAX, "bad TLS descriptor %u: %s", bad, what);
}

/* A console write or read too long, or reaching outside memory. */
static void fatal_console(struct call *c, char *why, int in_ring)
{
	uint32_t len = 1 + below(256);
	const char *dir = chance(50) ? "write" : "read";

	(void)in_ring;
	c->nr = dir[0] == 'w' ? HV_CALL_CONSOLE_WRITE : HV_CALL_CONSOLE_READ;
	if (chance(30)) {
		c->arg[1] = HV_CONSOLE_MAX + 1 + below(0u - HV_CONSOLE_MAX - 1);
		snprintf(why, REASON_MAX, "console %s of %u bytes (at most %u)",
			 dir, c->arg[1], HV_CONSOLE_MAX);
		return;
	}
	/* Nothing readable in the first 256 bytes: nothing is copied. */
	c->arg[0] = outside(len);
	if (c->arg[0] >= fuzz.mem && chance(50))
		len = 1 + below(HV_CONSOLE_MAX);
	c->arg[1] = len;
	snprintf(why, REASON_MAX, dir[0] == 'w' ?
		 "console write outside its memory (0x%08x, %u bytes)" :
		 "console read into memory it cannot write (0x%08x, %u bytes)",
		 c->arg[0], c->arg[1]);
}

static void fatal_pte(struct call *c, char *why, int in_ring)
{
	(void)in_ring;
	c->nr = chance(50) ? HV_CALL_SET_PTE : HV_CALL_SET_PMD;
	c->arg[0] = chance(50) && fuzz.paging ? paging_root() : rnd();
	c->arg[1] = RESERVE_HIGH + below(0u - RESERVE_HIGH);
	if (c->nr == HV_CALL_SET_PMD && !fuzz.pae)
		strcpy(why, "set PMD from a guest with 2-level page tables");
	else
		strcpy(why, "tried to map the switcher's reserve");
}

/* A PAE PDPT whose entry `bad` breaks a rule; the ones before are fine. */
static const char *bad_pdpt(void)
{
	static const unsigned reserved[] = { 1, 2, 5, 6, 7, 8, 52, 58, 63 };
	unsigned bad = below(PAE_PDPT_ENTRIES), i;

	for (i = 0; i < PAE_PDPT_ENTRIES; i++)
		pdpt[i] = chance(50) ? 0 :
			  (below(fuzz.mem) & ~(PAGE_SIZE - 1)) | PTE_P |
			  (chance(30) ? PTE_PWT | PTE_PCD : 0);
	if (chance(50)) {
		pdpt[bad] |= PTE_P | 1ull << reserved[below(sizeof(reserved) /
							sizeof(reserved[0]))];
		return "PDPT entry with reserved bits set";
	}
	pdpt[bad] = PTE_P | ((fuzz.mem + (uint64_t)rnd() * PAGE_SIZE) &
			     PAE_ADDR_MASK & ~(uint64_t)(PAGE_SIZE - 1));
	return "PDPT entry points past guest memory";
}

static void fatal_pgtable(struct call *c, char *why, int in_ring)
{
	uint32_t align = fuzz.pae ? 32 : PAGE_SIZE;

	c->nr = HV_CALL_NEW_PGTABLE;
	if (!in_ring && chance(30)) {
		/* Read when the call runs: from the ring, earlier calls would
		 * see it too. */
		hv_self()->kernel_address = RESERVE_HIGH +
					   below(0u - RESERVE_HIGH);
		snprintf(why, REASON_MAX, "kernel address {0x%08x} is at or "
			 "above the switcher ({0x%08x})",
			 hv_self()->kernel_address, hv_boot->reserve_top);
		return;
	}
	if (fuzz.pae && chance(50)) {
		c->arg[0] = (uint32_t)pdpt;
		strcpy(why, bad_pdpt());
		return;
	}
	c->arg[0] = chance(50) ? below(fuzz.mem) | (1 + below(align - 1)) :
		    fuzz.mem - (fuzz.pae ? 16 : 0) + below(0u - fuzz.mem);
	strcpy(why, fuzz.pae ?
	       "PDPT outside guest memory or not 32-byte aligned" :
	       "page directory outside guest memory or unaligned");
}

static void fatal_halt(struct call *c, char *why, int in_ring)
{
	/* The final phase sets no timer (fuzz.final), nor does anything
	 * raise an interrupt: the halt could never end. */
	(void)in_ring;
	c->nr = HV_CALL_HALT;
	strcpy(why, "halted with no timer set: it would never wake");
}

static const fatal_fn fatal_kinds[] = {
	fatal_number, fatal_register, fatal_crash, fatal_kind, fatal_idt,
	fatal_stack, fatal_gdt, fatal_gdt_entry, fatal_tls, fatal_console,
	fatal_pte, fatal_pgtable, fatal_halt,
};

void fatal_call(struct call *c, char *why, int in_ring)
{
	unsigned kind = below(sizeof(fatal_kinds) / sizeof(fatal_kinds[0])), i;

	for (i = 0; i < 4; i++)
		c->arg[i] = rnd();
	c->expect = 0;
	c->any_result = 0;
	fatal_kinds[kind](c, why, in_ring);
}

int fatal_is_halt(const struct call *c)
{
	return c->nr == HV_CALL_HALT;
}
