/*
 * The segment-load class: mov to a segment register, push + pop of one,
 * and the far-pointer loads (les, lds, lss, lfs, lgs), with selectors of
 * every kind (segs.c). A load of ss must leave a stack the model can
 * follow (stack_usable); mov and pop to ss also hold back a single-step
 * trap by one instruction, which the model leaves alone.
 */
#include <string.h>
#include <x86/cr.h>
#include "hv.h"
#include "gen.h"

#define OP_MOV_SREG         0x8E
#define MODRM_REG           0xC0
#define MODRM_DISP32        0x05
#define REG_EAX             0
#define REG_ESP             4

static const char *const sreg_names[NUM_SREGS] = {
	"es", "cs", "ss", "ds", "fs", "gs",
};

/*
 * Leaving a 16-bit stack for a 32-bit one without setting esp: every exit
 * on the 16-bit stack returned to the guest through the switcher's iret
 * from ring 0, which (as on any x86: Linux's "espfix") restores SP only
 * and leaves ESP's upper half the switcher's; the next push would then
 * touch the reserve. Only with "stack16" does the fuzzer go there.
 */
static bool esp_upper_lost(const struct gen *g, enum sreg r, uint16_t sel)
{
	const struct seg_desc *from = segs_lookup(g->m.sreg[SR_SS]);
	const struct seg_desc *to = segs_lookup(sel);

	return r == SR_SS && !cfg.stack16 && !from->big && to && to->big;
}

/* The load's outcome into the case: the fault, or the new state. */
static bool loaded(struct gen *g, const struct mstate *before,
		   const struct mstate *after, enum mres res,
		   const struct fault *f, uint32_t start, enum sreg r,
		   bool inhibits)
{
	if (res == M_FAULT) {
		op_faulted(g, f, start);
		return true;
	}
	g->m = *after;
	if (inhibits && r == SR_SS && (before->eflags & EFLAGS_TF)) {
		g->c->open_end = true;      /* the trap comes one later */
		return true;
	}
	op_done(g, before, STEP_CPU);
	return true;
}

static bool seg_mov(struct gen *g, enum sreg r, uint16_t sel)
{
	uint8_t b[2] = { OP_MOV_SREG, (uint8_t)(MODRM_REG | (r << 3)) };
	struct mstate before, after;
	struct fault f;
	enum mres res;
	uint32_t start;

	op_text(g, IC_SEG, "mov $0x%x, %%%s", sel, sreg_names[r]);
	if (!op_mov_eax(g, sel))
		return false;
	before = after = g->m;
	res = model_load_seg(&after, r, sel, &f);
	if (res == M_OK && r == SR_SS &&
	    (!stack_usable(&after) || esp_upper_lost(g, r, sel)))
		return fail(g);
	if (!op_bytes(g, b, sizeof(b), &start))
		return false;
	return loaded(g, &before, &after, res, &f, start, r, true);
}

static bool seg_pop(struct gen *g, enum sreg r, uint16_t sel)
{
	static const uint8_t pops[NUM_SREGS][2] = {
		[SR_ES] = { 0x07 }, [SR_SS] = { 0x17 }, [SR_DS] = { 0x1F },
		[SR_FS] = { 0x0F, 0xA1 }, [SR_GS] = { 0x0F, 0xA9 },
	};
	unsigned len = (r == SR_FS || r == SR_GS) ? 2 : 1;
	struct mstate before, after;
	struct fault f;
	enum mres res;
	uint32_t start;

	op_text(g, IC_SEG, "push $0x%x; pop %%%s", sel, sreg_names[r]);
	if (!op_push(g, sel))
		return false;
	before = after = g->m;
	res = model_stack(&after, 0, 4, false, &f);
	if (res == M_UNSAFE)
		return fail(g);
	if (res == M_OK) {
		/* esp moves on the stack the value came from. */
		model_esp_add(&after, 4);
		res = model_load_seg(&after, r, sel, &f);
		if (res == M_OK && r == SR_SS &&
		    (!stack_usable(&after) || esp_upper_lost(g, r, sel)))
			return fail(g);
	}
	if (!op_bytes(g, pops[r], len, &start))
		return false;
	return loaded(g, &before, &after, res, &f, start, r, true);
}

/* les/lds/lss/lfs/lgs from the data page: eax (esp for lss) and sreg. */
static bool seg_far_pointer(struct gen *g, enum sreg r, uint16_t sel)
{
	static const struct { uint8_t b[2], len; const char *name; } ops[] = {
		[SR_ES] = { { 0xC4 }, 1, "les" }, [SR_DS] = { { 0xC5 }, 1, "lds" },
		[SR_SS] = { { 0x0F, 0xB2 }, 2, "lss" },
		[SR_FS] = { { 0x0F, 0xB4 }, 2, "lfs" },
		[SR_GS] = { { 0x0F, 0xB5 }, 2, "lgs" },
	};
	uint32_t offset = r == SR_SS ? pick_esp(g, g->m.cpl) : rng_next(g->r);
	struct mstate before = g->m, after = g->m;
	uint8_t ptr[6], b[8];
	uint32_t linear, disp, start;
	unsigned n = ops[r].len;
	struct fault f;
	enum mres res;

	memcpy(ptr, &offset, 4);
	memcpy(ptr + 4, &sel, 2);
	linear = disp = op_data(g, ptr, sizeof(ptr));
	res = model_data(&after, linear, sizeof(ptr), &disp, &f);
	if (res == M_OK && (res = model_load_seg(&after, r, sel, &f)) == M_OK) {
		if (r == SR_SS)
			after.esp = offset;
		else
			after.eax = offset, after.eax_known = true;
		if (r == SR_SS && !stack_usable(&after))
			return fail(g);
	}
	if (res == M_UNSAFE)
		return fail(g);
	memcpy(b, ops[r].b, n);
	b[n++] = (uint8_t)(((r == SR_SS ? REG_ESP : REG_EAX) << 3) | MODRM_DISP32);
	memcpy(b + n, &disp, 4);
	op_text(g, IC_SEG, "%s $0x%x:0x%x", ops[r].name, sel, offset);
	if (!op_bytes(g, b, n + 4, &start))
		return false;
	return loaded(g, &before, &after, res, &f, start, r, false);
}

bool gen_seg(struct gen *g)
{
	static const enum sreg regs[] = {
		SR_SS, SR_SS, SR_DS, SR_DS, SR_ES, SR_FS, SR_GS, SR_GS,
	};
	enum sreg r = regs[rng_below(g->r, sizeof(regs) / sizeof(regs[0]))];
	uint16_t sel = (r == SR_SS || rng_chance(g->r, 50)) ?
		       segs_pick_stack(g->r, g->m.cpl) : segs_pick(g->r);
	unsigned form = rng_below(g->r, 10);

	if (form < 4)
		return seg_mov(g, r, sel);
	if (form < 7)
		return seg_pop(g, r, sel);
	return seg_far_pointer(g, r, sel);
}
