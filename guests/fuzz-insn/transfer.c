/*
 * The far-transfer classes: ljmp and lcall (direct, and through a far
 * pointer in memory) to random selectors, and iret and lret with random
 * frames (selectors with random RPLs, EFLAGS with random bits, a stack
 * for the outer rings). Each goes on at the next instruction (often in
 * another ring or segment), at a landing pad, at a page past memory or
 * in the scratch area (gen.c, pick_target).
 */
#include <string.h>
#include "hv.h"
#include "gen.h"

#define OP_LJMP             0xEA
#define OP_LCALL            0x9A
#define OP_GROUP5           0xFF
#define MODRM_LCALL_MEM     0x1D            /* FF /3, [disp32] */
#define MODRM_LJMP_MEM      0x2D            /* FF /5, [disp32] */
#define OP_IRET             0xCF
#define OP_LRET             0xCB
#define OP_LRET_IMM         0xCA
#define FAR_DIRECT_LEN      7               /* EA/9A, offset, selector */
#define FAR_MEM_LEN         6               /* FF, ModRM, disp32 */
#define PUSH_LEN            5

static const char *const target_names[NUM_TARGETS] = {
	"next", "pad", "past memory", "scratch",
};

/* A transfer that went through: the rest of the case goes on there. */
static bool transferred(struct gen *g, const struct mstate *before,
			const struct mstate *after, enum target kind,
			uint32_t linear, uint32_t eip)
{
	g->m = *after;
	op_transfer_done(g, before, eip);
	return kind == T_NEXT || op_leave(g, kind, linear);
}

static unsigned far_bytes(uint8_t *b, bool call, bool mem, uint32_t eip,
			  uint16_t sel, uint32_t disp)
{
	if (mem) {
		b[0] = OP_GROUP5;
		b[1] = call ? MODRM_LCALL_MEM : MODRM_LJMP_MEM;
		memcpy(b + 2, &disp, 4);
		return FAR_MEM_LEN;
	}
	b[0] = call ? OP_LCALL : OP_LJMP;
	memcpy(b + 1, &eip, 4);
	memcpy(b + 5, &sel, 2);
	return FAR_DIRECT_LEN;
}

bool gen_far(struct gen *g)
{
	bool call = rng_chance(g->r, 50), mem = rng_chance(g->r, 30);
	uint16_t sel = segs_pick_code(g->r, g->m.cpl);
	unsigned len = mem ? FAR_MEM_LEN : FAR_DIRECT_LEN;
	enum target kind;
	uint32_t linear = pick_target(g, sel, &kind, g->at + len);
	uint32_t eip = linear - segs_base(sel), disp = 0, start;
	struct mstate before = g->m, after = g->m;
	struct fault f;
	enum mres res = M_OK;
	uint8_t b[8];

	if (mem) {
		uint8_t ptr[6];

		memcpy(ptr, &eip, 4);
		memcpy(ptr + 4, &sel, 2);
		disp = op_data(g, ptr, sizeof(ptr));
		res = model_data(&after, disp, sizeof(ptr), &disp, &f);
	}
	if (res == M_OK)
		res = model_far_transfer(&after, sel, eip, call, &f);
	if (res == M_UNSAFE)
		return fail(g);
	op_text(g, IC_FAR, "%s %s$0x%x:0x%x (%s)", call ? "lcall" : "ljmp",
		mem ? "*" : "", sel, eip, target_names[kind]);
	if (!op_bytes(g, b, far_bytes(b, call, mem, eip, sel, disp), &start))
		return false;
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
		return true;
	}
	return transferred(g, &before, &after, kind, linear, eip);
}

/* A code selector for a far return: from ring 1, often an outer ring's. */
static uint16_t pick_return_cs(struct gen *g)
{
	if (g->m.cpl == 1 && rng_chance(g->r, 50))
		return segs_pick_outer(g->r);
	return segs_pick_code(g->r, g->m.cpl);
}

/* The frame, pushed from its top down: [ss, esp, filler,] [eflags,] cs, eip. */
static bool push_frame(struct gen *g, const uint32_t *frame, unsigned words,
		       unsigned addend, bool outer)
{
	unsigned i;

	if (outer && (!op_push(g, frame[words + 1]) ||
		      !op_push(g, frame[words])))
		return false;
	for (i = 0; i < addend / 4; i++)
		if (!op_push(g, SCRATCH_WORD))
			return false;
	for (i = words; i-- > 0;)
		if (!op_push(g, frame[i]))
			return false;
	return true;
}

static unsigned ret_bytes(uint8_t *b, bool iret, unsigned addend)
{
	if (iret || !addend) {
		b[0] = iret ? OP_IRET : OP_LRET;
		return 1;
	}
	b[0] = OP_LRET_IMM;
	b[1] = (uint8_t)addend;
	b[2] = 0;
	return 3;
}

bool gen_ret(struct gen *g)
{
	bool iret = rng_chance(g->r, 60);
	unsigned addend = !iret && rng_chance(g->r, 30) ?
			  4 * (1 + rng_below(g->r, 2)) : 0;
	uint16_t cs = pick_return_cs(g);
	unsigned words = iret ? 3 : 2, rpl = cs & 3, len;
	bool outer = rpl > g->m.cpl || rng_chance(g->r, 10);
	unsigned pushes = words + addend / 4 + (outer ? 2 : 0);
	uint8_t b[3];
	enum target kind;
	uint32_t frame[5], linear, start;
	struct mstate before, after;
	struct fault f;
	enum mres res;

	len = ret_bytes(b, iret, addend);
	linear = pick_target(g, cs, &kind, g->at + pushes * PUSH_LEN + len);
	frame[0] = linear - segs_base(cs);
	frame[1] = cs;
	frame[2] = iret ? random_eflags(g, true) : 0;
	frame[words] = pick_esp(g, rpl);
	frame[words + 1] = segs_pick_stack(g->r, rpl);
	op_text(g, IC_RET, "%s 0x%x:0x%x%s (%s)", iret ? "iret" :
		addend == 4 ? "lret $4" : addend ? "lret $8" : "lret", cs, frame[0],
		outer ? " with ss:esp" : "", target_names[kind]);
	if (!push_frame(g, frame, words, addend, outer))
		return false;
	before = after = g->m;
	res = model_far_return(&after, frame, iret, addend, &f);
	if (res == M_UNSAFE || (res == M_OK && !stack_usable(&after)))
		return fail(g);
	if (!op_bytes(g, b, len, &start))
		return false;
	if (res == M_OPEN) {
		g->c->open_end = true;
		g->stopped = true;
		return true;
	}
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
		return true;
	}
	return transferred(g, &before, &after, kind, linear, frame[0]);
}
