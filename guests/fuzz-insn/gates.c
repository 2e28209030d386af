/*
 * The IDT the cases run against, drawn from the seed: every exception
 * vector has a handler (an interrupt or a trap gate, DPL 1 or 3), the
 * vectors from 32 up have one, or a gate that is not present, and the
 * landing vector is a DPL-3 trap gate. Different seeds so cover the
 * hypervisor's two ways in: trap gates it leaves to the CPU ("direct")
 * and the gates it delivers through itself.
 */
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "fuzz.h"

#define SYSCALL_VECTOR      0x80    /* the one direct vector from 32 up */

static struct gate_info gates[NUM_VECTORS];

static struct gate_info random_gate(struct rng *r, unsigned vector)
{
	struct gate_info g = {
		.present = vector < NUM_EXCEPTIONS || !rng_chance(r, 20),
		.trap = rng_chance(r, 50),
		.dpl = rng_chance(r, 50) ? 3 : 1,
	};

	/* A gate that is not there still has a DPL, which int n checks. */
	if (!g.present)
		g.dpl = rng_below(r, 4);
	if (vector == LAND_VECTOR)
		g = (struct gate_info){ .present = true, .trap = true, .dpl = 3 };
	return g;
}

void gates_install(uint32_t seed)
{
	struct rng r;
	unsigned v;

	rng_seed(&r, seed, 0xFFFFFFFFu);
	for (v = 0; v < NUM_VECTORS; v++) {
		struct gate_info g = random_gate(&r, v);
		struct desc d = desc_gate(HV_SEL_KERNEL_CODE,
					  (uint32_t)fuzz_stubs + v * FUZZ_STUB_SIZE,
					  g.trap ? SYS_TYPE_TRAP_GATE :
						   SYS_TYPE_INTR_GATE, g.dpl);

		if (!g.present)
			d.hi &= ~DESC_P;
		gates[v] = g;
		hcall(HV_CALL_LOAD_IDT_ENTRY, v, d.lo, d.hi, 0);
	}
}

const struct gate_info *gate(unsigned vector)
{
	return &gates[vector & 0xFF];
}

/* The vectors the hypervisor always takes first (docs/abi.md). */
static bool intercepted(unsigned v)
{
	return v == VEC_NMI || v == VEC_NO_FPU || v == VEC_DOUBLE_FAULT ||
	       v == VEC_GP || v == VEC_PAGE_FAULT || v == VEC_MACHINE_CHECK ||
	       v == HV_HYPERCALL_VECTOR ||
	       (v >= NUM_EXCEPTIONS && v != SYSCALL_VECTOR);
}

bool gate_direct(unsigned vector)
{
	const struct gate_info *g = gate(vector);

	return g->present && g->trap && !intercepted(vector);
}
