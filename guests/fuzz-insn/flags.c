/*
 * The EFLAGS class (push + popf with random bits, pushf + pop) and the
 * random bytes, which run single-stepped: TF is set with popf just before
 * them.
 */
#include <string.h>
#include <x86/cr.h>
#include "hv.h"
#include "gen.h"

#define OP_TWO_BYTE         0x0F
#define OP2_RDTSC           0x31
#define OP2_GROUP7          0x01            /* sgdt, smsw, rdtscp... */
#define OP_MOV_SREG         0x8E
#define MODRM_REG           0xC0
#define OP_INT              0xCD
#define OP_PUSHF            0x9C
#define OP_POPF             0x9D
#define OP_POP_EAX          0x58

/* push $value; popf: IOPL and IF stay as they are at CPL > 0. */
static bool popf_value(struct gen *g, uint32_t value)
{
	static const uint8_t b[1] = { OP_POPF };
	struct mstate before, after;
	struct fault f;
	enum mres res;
	uint32_t start;

	if (!op_push(g, value))
		return false;
	before = after = g->m;
	res = model_stack(&after, 0, 4, false, &f);
	if (res == M_UNSAFE)
		return fail(g);
	if (!op_bytes(g, b, sizeof(b), &start))
		return false;
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
		return true;
	}
	after.eflags = model_popf(&after, value);
	model_esp_add(&after, 4);
	g->m = after;
	op_done(g, &before, STEP_CPU);
	return true;
}

/* pushf; pop %eax: the EFLAGS image, without RF and VM. */
static bool pushf_pop(struct gen *g)
{
	static const uint8_t pushf[1] = { OP_PUSHF }, pop[1] = { OP_POP_EAX };
	struct mstate before = g->m;
	struct fault f;
	enum mres res = model_stack(&g->m, -4, 4, true, &f);
	uint32_t start, image = g->m.eflags & ~(EFLAGS_RF | EFLAGS_VM);

	op_text(g, IC_FLAGS, "pushf; pop %%eax");
	if (res == M_UNSAFE || !op_bytes(g, pushf, 1, &start))
		return fail(g);
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
	} else {
		model_esp_add(&g->m, -4);
		op_done(g, &before, STEP_CPU);
	}
	before = g->m;
	res = model_stack(&g->m, 0, 4, false, &f);
	if (res == M_UNSAFE || !op_bytes(g, pop, 1, &start))
		return fail(g);
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
		return true;
	}
	g->m.eax = image;
	g->m.eax_known = true;
	model_esp_add(&g->m, 4);
	op_done(g, &before, STEP_CPU);
	return true;
}

bool gen_flags(struct gen *g)
{
	uint32_t v;

	if (rng_chance(g->r, 40))
		return pushf_pop(g);
	v = random_eflags(g, false);
	op_text(g, IC_FLAGS, "push $0x%x; popf", v);
	return popf_value(g, v);
}

/*
 * Ring 3 runs random bytes on segments based at RANDOM_BASE: what random
 * code most often makes of a register, zero minus a little, is then low
 * memory of the case's instead of the reserve at the top, which QEMU
 * (with no limit checks) would let it touch, and the hypervisor would
 * kill it for. Registers still point into the scratch area through them.
 */
static bool random_segments(struct gen *g)
{
	static const enum sreg regs[] = { SR_DS, SR_ES, SR_FS, SR_GS, SR_SS };
	struct mstate before;
	struct fault f;
	uint32_t start;
	unsigned i;

	if (!op_mov_eax(g, RANDOM_DATA_SEL))
		return false;
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		uint8_t b[2] = { OP_MOV_SREG, (uint8_t)(MODRM_REG | (regs[i] << 3)) };

		before = g->m;
		if (model_load_seg(&g->m, regs[i], RANDOM_DATA_SEL, &f) != M_OK ||
		    !op_bytes(g, b, sizeof(b), &start))
			return fail(g);
		if (regs[i] != SR_SS)
			op_done(g, &before, STEP_CPU);
		else if (before.eflags & EFLAGS_TF)
			g->c->open_end = true;      /* mov ss holds the trap back */
	}
	return true;
}

/*
 * Random bytes, with TF set just before them: every instruction they run
 * traps, and the handler cuts the case after EVENT_BUDGET traps, so no
 * byte sequence can spin for ever. Bytes that would make the outcome
 * depend on time are changed: rdtsc (0f 31) and the 0f 01 group (smsw
 * shows CR0.TS, which lazy FPU switching sets; rdtscp; sgdt shows where
 * the host's pages are). From ring 1 (only with "ring1-random") "int
 * $0x1f" becomes "int $0x1e": a random hypercall number would kill the
 * guest for nothing the fuzzer looks for.
 */
bool gen_random(struct gen *g)
{
	unsigned n = 1 + rng_below(g->r, MAX_RANDOM_BYTES), i;
	uint8_t b[MAX_RANDOM_BYTES];
	struct fault f;
	uint32_t start;

	if (g->m.cpl == 1 && !cfg.ring1_random)
		return false;
	op_text(g, IC_RANDOM, "%u random bytes", n);
	if (g->m.cpl == 3 && !random_segments(g))
		return false;
	if (model_stack(&g->m, -8, 8, true, &f) != M_OK ||
	    !popf_value(g, g->m.eflags | EFLAGS_TF))
		return fail(g);
	for (i = 0; i < n; i++)
		b[i] = (uint8_t)rng_next(g->r);
	for (i = 0; i + 1 < n; i++) {
		if (b[i] == OP_TWO_BYTE && (b[i + 1] == OP2_RDTSC ||
					    b[i + 1] == OP2_GROUP7))
			b[i + 1]--;
		if (g->m.cpl == 1 && b[i] == OP_INT &&
		    b[i + 1] == HV_HYPERCALL_VECTOR)
			b[i + 1]--;
	}
	if (!op_bytes(g, b, n, &start))
		return false;
	g->c->open_end = true;
	return true;
}
