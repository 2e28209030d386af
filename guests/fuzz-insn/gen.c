/*
 * Building a case: the starting state, a few instructions drawn from the
 * classes, the landing instruction at the end, and, for every trap the
 * model predicts on the way, the event the trap handler must see. A case
 * is a function of the seed and its number only.
 */
#include <string.h>
#include "hv.h"
#include "gen.h"

#define OP_INT              0xCD
#define MAX_TRIES           8

const char *const class_names[NUM_CLASSES] = {
	"int", "priv", "seg", "far", "ret", "flags", "random",
};

/* Class weights, out of 100; random bytes only end a case (pick_class). */
static const unsigned weights[IC_RANDOM] = { 19, 18, 21, 15, 20, 7 };

static bool (*const generators[NUM_CLASSES])(struct gen *) = {
	gen_int, gen_priv, gen_seg, gen_far, gen_ret, gen_flags, gen_random,
};

static void init_state(struct mstate *m, unsigned ring, struct rng *r)
{
	uint16_t code = ring == 1 ? HV_SEL_KERNEL_CODE : HV_SEL_USER_CODE;
	uint16_t data = ring == 1 ? HV_SEL_KERNEL_DATA : HV_SEL_USER_DATA;

	*m = (struct mstate){
		.cpl = ring, .esp = SCRATCH_WORD,
		.eax = SCRATCH_WORD, .eax_known = true,
		.eflags = EFLAGS_RESERVED | EFLAGS_IF |
			  (rng_next(r) & EFLAGS_STATUS) |
			  (rng_chance(r, 10) ? EFLAGS_DF : 0) |
			  (rng_chance(r, 10) ? EFLAGS_AC : 0),
	};
	m->sreg[SR_CS] = code;
	m->sreg[SR_SS] = m->sreg[SR_DS] = m->sreg[SR_ES] = data;
}

/* The last instruction of a case is often random bytes (ring 3 only). */
static enum iclass pick_class(struct rng *r, bool last)
{
	unsigned k = rng_below(r, 100), cls;

	if (last && rng_chance(r, 30))
		return IC_RANDOM;
	for (cls = 0; cls < IC_RANDOM; cls++) {
		if (k < weights[cls])
			break;
		k -= weights[cls];
	}
	return cls < IC_RANDOM ? (enum iclass)cls : IC_SEG;
}

/* One instruction of the case; a class that cannot make one tries again. */
static void one_insn(struct gen *g, bool last)
{
	struct fcase *c = g->c;
	unsigned try;

	for (try = 0; try < MAX_TRIES; try++) {
		struct gen saved = *g;
		struct fcase before;
		uint32_t start = g->at;
		enum iclass cls = pick_class(g->r, last);

		memcpy(&before, c, sizeof(before));
		if (generators[cls](g) && !g->failed) {
			c->insns[c->ninsns].at = start;
			c->insns[c->ninsns].len = g->at - start;
			c->ninsns++;
			return;
		}
		memcpy(c, &before, sizeof(before));
		*g = saved;             /* the random stream goes on regardless */
	}
}

/* The landing instruction ends the sequence: the case's last event. */
static void finish(struct gen *g)
{
	struct fcase *c = g->c;
	uint8_t land[LAND_INSN_LEN] = { OP_INT, LAND_VECTOR };
	struct event *e;

	/* op_bytes() kept room for it. */
	memcpy(c->code + c->code_len, land, sizeof(land));
	c->code_len += sizeof(land);
	g->at += sizeof(land);
	if (g->stopped || c->open_end || !(e = op_want(g)))
		return;
	model_event(&g->m, LAND_VECTOR, NULL, model_eip(&g->m, g->at), e);
}

void gen_case(struct fcase *c, unsigned number)
{
	struct rng r;
	struct gen g;
	unsigned n, i;

	rng_seed(&r, cfg.seed, number);
	memset(c, 0, sizeof(*c));
	c->number = number;
	c->ring = rng_chance(&r, 50) ? 1 : 3;
	g = (struct gen){ .c = c, .r = &r, .at = FUZZ_SEQ };
	init_state(&g.m, c->ring, &r);
	c->eflags0 = g.m.eflags;
	n = 1 + rng_below(&r, MAX_INSNS - 1);
	for (i = 0; i < n && !g.stopped && !c->open_end; i++)
		one_insn(&g, i == n - 1);
	finish(&g);
}
