/*
 * The generator's random choices of operands: where a far transfer goes,
 * stack pointers, EFLAGS values, and whether a stack is one the model can
 * follow.
 */
#include <x86/desc.h>
#include "hv.h"
#include "gen.h"

#define FAULT_BASE          0x7F000000u     /* past memory, below the reserve */
#define PAD_FIRST           0x100           /* frames' eips stay above 0xff */

/*
 * After loading ss the stack must be one the model can follow. In ring 1
 * every trap lands on it: it must be the case's own memory, both where
 * the CPU puts a frame and at the bare esp, where a hypervisor that
 * ignored the segment's base would put it (this one did, until the
 * fuzzer found it). In the outer rings it may also be a page that faults.
 */
bool stack_usable(const struct mstate *m)
{
	struct fault f;
	enum mres res = model_stack(m, -64, 64, true, &f);
	struct mstate flat = *m;

	if (m->cpl != 1)
		return res != M_UNSAFE;
	flat.sreg[SR_SS] = HV_SEL_KERNEL_DATA;
	return res == M_OK && model_stack(&flat, -64, 64, true, &f) == M_OK;
}

/* A stack pointer for lss or a frame: mostly the scratch area's. */
uint32_t pick_esp(struct gen *g, unsigned cpl)
{
	unsigned k = rng_below(g->r, 100);

	if (cpl == 1 || k < 70)
		return SCRATCH_WORD - 4 * rng_below(g->r, 16);
	if (k < 90)
		return (fault_address(g) & ~3u) | 1;   /* odd, as the word */
	return SCRATCH_WORD + FUZZ_PAGE;
}

/* A page past guest memory and below the reserve: every access faults. */
uint32_t fault_address(struct gen *g)
{
	return FAULT_BASE + (rng_below(g->r, 256) << 12) +
	       rng_below(g->r, FUZZ_PAGE - 16);
}

/*
 * Where a far transfer through cs goes: the next instruction (only in a
 * 32-bit segment: the sequence is 32-bit code), a landing pad, a page
 * past memory, or the scratch area. Returns the linear address.
 */
uint32_t pick_target(struct gen *g, uint16_t cs, enum target *kind,
		     uint32_t next)
{
	unsigned k = rng_below(g->r, 100);

	*kind = k < 40 ? T_NEXT : k < 70 ? T_PAD : k < 85 ? T_FAULT : T_SCRATCH;
	if (*kind == T_NEXT && segs_is_16bit_code(cs))
		*kind = T_PAD;
	switch (*kind) {
	case T_NEXT:
		return next;
	case T_PAD:
		return FUZZ_PADS + PAD_FIRST +
		       2 * rng_below(g->r, (FUZZ_PAGE - PAD_FIRST) / 2 - 1);
	case T_FAULT:
		return fault_address(g);
	default:
		return SCRATCH_WORD;
	}
}

/*
 * EFLAGS for popf or an iret frame: the current ones, some bits flipped.
 * VM goes into iret frames only with "vm86" (model_far_return).
 */
uint32_t random_eflags(struct gen *g, bool iret)
{
	static const struct { uint32_t bits; unsigned percent; } flips[] = {
		{ EFLAGS_DF, 20 }, { EFLAGS_TF, 8 }, { EFLAGS_NT, 10 },
		{ EFLAGS_AC, 10 }, { EFLAGS_ID, 10 }, { EFLAGS_IF, 20 },
		{ EFLAGS_RF, 10 }, { EFLAGS_VIF | EFLAGS_VIP, 5 },
	};
	uint32_t v = (g->m.eflags & ~EFLAGS_STATUS) |
		     (rng_next(g->r) & EFLAGS_STATUS);
	unsigned i;

	for (i = 0; i < sizeof(flips) / sizeof(flips[0]); i++)
		if (rng_chance(g->r, flips[i].percent))
			v ^= flips[i].bits;
	if (rng_chance(g->r, 5))
		v ^= rng_next(g->r) & EFLAGS_RESERVED_BITS;   /* ignored */
	if (rng_chance(g->r, 20))
		v ^= rng_next(g->r) & EFLAGS_IOPL_MASK;
	if ((!iret || cfg.vm86) && rng_chance(g->r, 5))
		v |= EFLAGS_VM;
	return v;
}

