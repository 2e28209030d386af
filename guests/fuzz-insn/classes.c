/*
 * The software-interrupt class (int n for every n, int3, into) and the
 * privileged and sensitive instructions. Like every class generator (also
 * seg.c, transfer.c, flags.c) each picks its operands at random, asks the
 * model what they do in the current state and writes the bytes through
 * the op_*() helpers of ops.c; a choice the model calls unsafe fails the
 * attempt, and gen.c draws again.
 */
#include <string.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "gen.h"

#define OP_INT3             0xCC
#define OP_INT              0xCD
#define OP_INTO             0xCE
#define EFLAGS_OF           (1u << 11)
#define HV_TSS_SELECTOR     (HV_GDT_TSS << 3)   /* what str reads */
#define HOST_PIC_VECTORS    0x20            /* the host's 16 PIC vectors */

/* ---- int n, int3, into ---- */

static unsigned pick_vector(struct rng *r)
{
	unsigned k = rng_below(r, 100);

	if (k < 30)
		return rng_below(r, NUM_EXCEPTIONS);
	if (k < 38)
		return HV_HYPERCALL_VECTOR;
	if (k < 44)
		return LAND_VECTOR;
	if (k < 50)
		return HOST_PIC_VECTORS + rng_below(r, 16);
	if (k < 52)
		return rng_chance(r, 50) ? 0xF0 : 0xFF;  /* the host's APIC's */
	return NUM_EXCEPTIONS + rng_below(r, NUM_VECTORS - NUM_EXCEPTIONS);
}

/* A software interrupt: the gate's DPL, then whether it is present. */
static bool soft_int(struct gen *g, const uint8_t *b, unsigned n,
		     unsigned vector)
{
	struct fault f;
	enum mres res = model_soft_int(&g->m, vector, &f);
	uint32_t start;

	if (!op_bytes(g, b, n, &start))
		return false;
	if (res == M_FAULT)
		op_faulted(g, &f, start);
	else
		op_trap(g, vector);
	return true;
}

/* int $0x1f from ring 1 is a hypercall: only harmless ones. */
static bool hypercall(struct gen *g)
{
	static const uint8_t b[2] = { OP_INT, HV_HYPERCALL_VECTOR };
	bool clock = rng_chance(g->r, 50);
	struct mstate before;
	uint32_t start;

	op_text(g, IC_INT, "int $0x1f (%s)", clock ? "WALL_CLOCK" : "FLUSH_ASYNC");
	if (!op_mov_eax(g, clock ? HV_CALL_WALL_CLOCK : HV_CALL_FLUSH_ASYNC))
		return false;
	before = g->m;
	if (!op_bytes(g, b, sizeof(b), &start))
		return false;
	g->m.eax = 0;
	g->m.eax_known = !clock;
	op_done(g, &before, STEP_NONE);
	return true;
}

static bool into(struct gen *g)
{
	static const uint8_t b[1] = { OP_INTO };
	struct mstate before = g->m;
	uint32_t start;

	op_text(g, IC_INT, "into (OF %s)",
		(g->m.eflags & EFLAGS_OF) ? "set" : "clear");
	if (g->m.eflags & EFLAGS_OF)
		return soft_int(g, b, 1, VEC_OVERFLOW);
	if (!op_bytes(g, b, 1, &start))
		return false;
	op_done(g, &before, STEP_CPU);
	return true;
}

bool gen_int(struct gen *g)
{
	static const uint8_t int3[1] = { OP_INT3 };
	unsigned form = rng_below(g->r, 100), v;
	uint8_t b[2] = { OP_INT };

	/* Not int1 (icebp, f1): QEMU raises #UD for it, the SDM #DB. */
	if (form < 8) {
		op_text(g, IC_INT, "int3");
		return soft_int(g, int3, 1, VEC_BREAKPOINT);
	}
	if (form < 16)
		return into(g);
	v = pick_vector(g->r);
	if (v == HV_HYPERCALL_VECTOR && g->m.cpl == 1)
		return hypercall(g);
	b[1] = (uint8_t)v;
	op_text(g, IC_INT, "int $0x%x", v);
	return soft_int(g, b, sizeof(b), v);
}

/* ---- privileged and sensitive instructions ---- */

enum priv_result {
	P_GP0,          /* #GP(0): CPL or IOPL too low */
	P_UD,           /* #UD */
	P_CLOBBER,      /* completes, eax unknown */
	P_IN,           /* the hypervisor emulates it: all ones */
	P_OUT,          /* the hypervisor emulates it: nothing happens */
	P_EAX,          /* completes, eax = value */
};

enum tail { T_NONE, T_IMM8, T_DISP32 };

struct priv {
	const char *name;
	uint8_t len, b[3];
	uint8_t result;
	uint8_t value;          /* P_IN: operand size; P_EAX: eax */
	uint8_t tail;
};

static const struct priv privs[] = {
	{ "cli", 1, { 0xFA }, P_GP0, 0, T_NONE },
	{ "sti", 1, { 0xFB }, P_GP0, 0, T_NONE },
	{ "hlt", 1, { 0xF4 }, P_GP0, 0, T_NONE },
	{ "clts", 2, { 0x0F, 0x06 }, P_GP0, 0, T_NONE },
	{ "invd", 2, { 0x0F, 0x08 }, P_GP0, 0, T_NONE },
	{ "wbinvd", 2, { 0x0F, 0x09 }, P_GP0, 0, T_NONE },
	{ "wrmsr", 2, { 0x0F, 0x30 }, P_GP0, 0, T_NONE },
	{ "rdmsr", 2, { 0x0F, 0x32 }, P_GP0, 0, T_NONE },
	{ "rdpmc", 2, { 0x0F, 0x33 }, P_GP0, 0, T_NONE },
	{ "rdtsc", 2, { 0x0F, 0x31 }, P_CLOBBER, 0, T_NONE },
	{ "sysenter", 2, { 0x0F, 0x34 }, P_GP0, 0, T_NONE },
	{ "sysexit", 2, { 0x0F, 0x35 }, P_GP0, 0, T_NONE },
	{ "syscall", 2, { 0x0F, 0x05 }, P_UD, 0, T_NONE },
	{ "sysret", 2, { 0x0F, 0x07 }, P_UD, 0, T_NONE },
	{ "ud2", 2, { 0x0F, 0x0B }, P_UD, 0, T_NONE },
	{ "lock nop", 2, { 0xF0, 0x90 }, P_UD, 0, T_NONE },
	{ "mov %eax, %cs", 2, { 0x8E, 0xC8 }, P_UD, 0, T_NONE },
	{ "mov %cr0, %eax", 3, { 0x0F, 0x20, 0xC0 }, P_GP0, 0, T_NONE },
	{ "mov %cr2, %eax", 3, { 0x0F, 0x20, 0xD0 }, P_GP0, 0, T_NONE },
	{ "mov %cr3, %eax", 3, { 0x0F, 0x20, 0xD8 }, P_GP0, 0, T_NONE },
	{ "mov %cr4, %eax", 3, { 0x0F, 0x20, 0xE0 }, P_GP0, 0, T_NONE },
	{ "mov %eax, %cr0", 3, { 0x0F, 0x22, 0xC0 }, P_GP0, 0, T_NONE },
	{ "mov %eax, %cr3", 3, { 0x0F, 0x22, 0xD8 }, P_GP0, 0, T_NONE },
	{ "mov %eax, %cr4", 3, { 0x0F, 0x22, 0xE0 }, P_GP0, 0, T_NONE },
	{ "mov %dr0, %eax", 3, { 0x0F, 0x21, 0xC0 }, P_GP0, 0, T_NONE },
	{ "mov %dr6, %eax", 3, { 0x0F, 0x21, 0xF0 }, P_GP0, 0, T_NONE },
	{ "mov %dr7, %eax", 3, { 0x0F, 0x21, 0xF8 }, P_GP0, 0, T_NONE },
	{ "mov %eax, %dr0", 3, { 0x0F, 0x23, 0xC0 }, P_GP0, 0, T_NONE },
	{ "mov %eax, %dr7", 3, { 0x0F, 0x23, 0xF8 }, P_GP0, 0, T_NONE },
	{ "lgdt", 3, { 0x0F, 0x01, 0x15 }, P_GP0, 0, T_DISP32 },
	{ "lidt", 3, { 0x0F, 0x01, 0x1D }, P_GP0, 0, T_DISP32 },
	{ "invlpg", 3, { 0x0F, 0x01, 0x3D }, P_GP0, 0, T_DISP32 },
	{ "lmsw %ax", 3, { 0x0F, 0x01, 0xF0 }, P_GP0, 0, T_NONE },
	{ "lldt %ax", 3, { 0x0F, 0x00, 0xD0 }, P_GP0, 0, T_NONE },
	{ "ltr %ax", 3, { 0x0F, 0x00, 0xD8 }, P_GP0, 0, T_NONE },
	{ "str %eax", 3, { 0x0F, 0x00, 0xC8 }, P_EAX, HV_TSS_SELECTOR, T_NONE },
	{ "sldt %eax", 3, { 0x0F, 0x00, 0xC0 }, P_EAX, 0, T_NONE },
	{ "in $port, %al", 1, { 0xE4 }, P_IN, 1, T_IMM8 },
	{ "in $port, %ax", 2, { 0x66, 0xE5 }, P_IN, 2, T_IMM8 },
	{ "in $port, %eax", 1, { 0xE5 }, P_IN, 4, T_IMM8 },
	{ "in %dx, %al", 1, { 0xEC }, P_IN, 1, T_NONE },
	{ "in %dx, %ax", 2, { 0x66, 0xED }, P_IN, 2, T_NONE },
	{ "in %dx, %eax", 1, { 0xED }, P_IN, 4, T_NONE },
	{ "out %al, $port", 1, { 0xE6 }, P_OUT, 0, T_IMM8 },
	{ "out %eax, $port", 1, { 0xE7 }, P_OUT, 0, T_IMM8 },
	{ "out %al, %dx", 1, { 0xEE }, P_OUT, 0, T_NONE },
	{ "out %ax, %dx", 2, { 0x66, 0xEF }, P_OUT, 0, T_NONE },
	{ "insb", 1, { 0x6C }, P_GP0, 0, T_NONE },
	{ "insl", 1, { 0x6D }, P_GP0, 0, T_NONE },
	{ "outsb", 1, { 0x6E }, P_GP0, 0, T_NONE },
	{ "outsl", 1, { 0x6F }, P_GP0, 0, T_NONE },
};

/* What in leaves in eax: all ones in the operand's bytes. */
static void emulated_in(struct mstate *m, unsigned size)
{
	if (size == 4) {
		m->eax = 0xFFFFFFFFu;
		m->eax_known = true;
	} else {
		m->eax |= size == 2 ? 0xFFFFu : 0xFFu;
	}
}

bool gen_priv(struct gen *g)
{
	const struct priv *p = &privs[rng_below(g->r, sizeof(privs) /
						      sizeof(privs[0]))];
	struct mstate before = g->m;
	struct fault f = { .vector = VEC_GP, .has_error = true };
	uint32_t start, disp = FUZZ_DATA;
	uint8_t b[8];
	unsigned n = p->len;

	memcpy(b, p->b, n);
	if (p->tail == T_IMM8)
		b[n++] = (uint8_t)rng_next(g->r);
	if (p->tail == T_DISP32) {
		memcpy(b + n, &disp, 4);
		n += 4;
	}
	op_text(g, IC_PRIV, "%s", p->name);
	if (!op_bytes(g, b, n, &start))
		return false;
	switch (p->result) {
	case P_UD:
		f = (struct fault){ .vector = VEC_INVALID_OPCODE };
		/* fall through */
	case P_GP0:
		op_faulted(g, &f, start);
		return true;
	case P_IN:
		emulated_in(&g->m, p->value);
		break;
	case P_EAX:
		g->m.eax = p->value;
		g->m.eax_known = true;
		break;
	case P_CLOBBER:
		g->m.eax_known = false;
		break;
	}
	/* in and out the hypervisor emulates: it raises the step trap. */
	op_done(g, &before, p->result == P_IN || p->result == P_OUT ?
		STEP_BY_HV : STEP_CPU);
	return true;
}
