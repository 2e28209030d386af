/*
 * Exits: a host interrupt, a page fault (shadow paging), #GP(0) from in/out
 * (emulated), #NM (lazy FPU), a hypercall, or any other trap, which goes
 * to the guest's own handler or kills it.
 */
#include <x86/cr.h>
#include <switcher/switcher.h>
#include <lib/console.h>
#include "async_ring.h"
#include "deliver.h"
#include "exits.h"
#include "fpu.h"
#include "guest.h"
#include "guest_access.h"
#include "hc_handlers.h"
#include "hypercall.h"
#include "io_decode.h"
#include "segwrap.h"
#include "softint.h"
#include "trace.h"
#include "vectors.h"

bool is_host_irq(unsigned vector)
{
	return vector >= VEC_LAPIC_FIRST ||
	       (vector >= VEC_PIC_BASE && vector < VEC_PIC_BASE + 16);
}

/* A host interrupt that arrived while the guest ran. */
static void host_irq(unsigned vector)
{
	struct trap_frame none = { .vector = vector };

	trap_dispatch(&none);
}

static void page_fault(struct guest *g, uint32_t cr2)
{
	struct trap_frame *r = &g->regs;
	uint32_t error = r->error;
	const char *why;

	if (cr2 >= g->shadow.reserve_top) {
		guest_kill(g, "%s the switcher's reserve at 0x%08x (eip 0x%08x)",
			   (r->error & PFEC_WRITE) ? "wrote to" : "touched",
			   cr2, r->eip);
		return;
	}
	/*
	 * Calls the guest queued before the access come first, as they
	 * would had it made them at once: run them (the next pass does),
	 * then the access again. The change that made it fault is usually
	 * among them (a page it just mapped), so there is no walk and no
	 * fault to fill; else it faults once more, with the ring empty.
	 */
	if (g->shared && async_ring_ready(g->shared, g->async_next))
		return;
	switch (shadow_fault(&g->shadow, cr2, r->error, &error, &why)) {
	case SF_FIXED:
		trace(TRACE_FAULT_FIXED, g, cr2, r->error);
		if (shadow_pins_lost(&g->shadow))
			kstack_pin_later(g);
		return;
	case SF_KILL:
		guest_kill(g, "%s (address 0x%08x, eip 0x%08x)", why, cr2, r->eip);
		return;
	case SF_REFLECT:
		trace(TRACE_FAULT_REFLECTED, g, cr2, error);
		break;
	}
	if (g->shared)
		g->shared->cr2 = cr2;
	if (!deliver_trap(g, VEC_PAGE_FAULT, true, error))
		guest_kill(g, "page fault at 0x%08x (eip 0x%08x) with no handler",
			   cr2, r->eip);
}

static void unhandled(struct guest *g, unsigned vector)
{
	if (!deliver_trap(g, vector, VEC_HAS_ERROR_CODE(vector), g->regs.error))
		guest_kill(g, "unhandled trap %u at eip 0x%08x", vector,
			   g->regs.eip);
}

/* in/out: reads return all ones, writes vanish. */
static bool emulate_io(struct guest *g)
{
	struct trap_frame *r = &g->regs;
	uint8_t code[3];
	unsigned len = sizeof(code);
	struct io_insn insn;
	uint32_t base;
	bool code32;

	if (!code_segment_of(g->gdt, HV_GDT_ENTRIES, r->cs, &base, &code32))
		return false;
	/* The longest form is 66 E5 ib; the code may end just before. */
	while (len > 0 && !guest_read(g, base + r->eip, code, len))
		len--;
	if (len == 0 || !io_decode(code, len, code32, &insn))
		return false;
	if (insn.in) {
		if (insn.size == 4)
			r->eax = 0xFFFFFFFFu;
		else if (insn.size == 2)
			r->eax |= 0xFFFFu;
		else
			r->eax |= 0xFFu;
	}
	r->eip += insn.length;
	/* The instruction completed: with TF set, a single-step trap follows. */
	if (r->eflags & EFLAGS_TF)
		unhandled(g, VEC_DEBUG);
	return true;
}

/*
 * #GP(n * 8 + 2): the guest ran "int n" on a vector whose gate the host
 * keeps at DPL 0. Do what the guest's own IDT would make the CPU do.
 */
static void soft_int(struct guest *g, unsigned vector)
{
	struct trap_frame *r = &g->regs;
	uint8_t code[SOFTINT_MAX_LENGTH];
	unsigned len = sizeof(code), n, length;
	uint32_t base = 0;
	bool code32;

	code_segment_of(g->gdt, HV_GDT_ENTRIES, r->cs, &base, &code32);
	while (len > 0 && !guest_read(g, base + r->eip, code, len))
		len--;
	if (vector >= NUM_VECTORS || !softint_decode(code, len, &n, &length) ||
	    n != vector) {
		/* Not the instruction that faulted: let the guest see it. */
		unhandled(g, VEC_GP);
		return;
	}
	switch (softint_check(g->idt[vector], r->cs & SEL_RPL_MASK)) {
	case SOFTINT_DELIVER:
		r->eip += length;
		if (!deliver_trap(g, vector, false, 0))
			guest_kill(g, "int %u at eip 0x%08x with no handler",
				   vector, r->eip - length);
		return;
	case SOFTINT_GP:
		unhandled(g, VEC_GP);
		return;
	case SOFTINT_NP:
		r->error = SELEC_IDT_VECTOR(vector);
		unhandled(g, VEC_NO_SEGMENT);
		return;
	}
}

bool guest_exit_host_irq(struct guest *g)
{
	unsigned v = g->regs.vector;

	if (!is_host_irq(v))
		return false;
	trace(TRACE_EXIT, g, v, g->regs.eip);
	host_irq(v);
	return true;
}

void guest_exit(struct guest *g, uint32_t cr2)
{
	unsigned v = g->regs.vector, soft;
	bool stepped;

	trace(TRACE_EXIT, g, v, g->regs.eip);
	if (segwrap_end(g, v, &stepped))
		return;
	switch (v) {
	case VEC_NMI:
		/* The machine's, not the guest's: nothing here raises NMIs,
		 * and a guest cannot (the gate has DPL 0). */
		kprintf("nmi: received while guest %s ran; ignored\n", g->name);
		break;
	case VEC_PAGE_FAULT:
		page_fault(g, cr2);
		break;
	case VEC_GP:
		if (softint_gp_error(g->regs.error, &soft))
			soft_int(g, soft);
		else if (g->regs.error != 0 ||
			 (!emulate_io(g) && (stepped || !segwrap_begin(g))))
			unhandled(g, v);
		break;
	case VEC_NO_FPU:
		if (!fpu_trap(g))
			unhandled(g, v);
		break;
	case HV_HYPERCALL_VECTOR:
		/* Run by the run loop: the ring's calls first, then this one. */
		g->sync_pending = true;
		break;
	default:
		unhandled(g, v);
		break;
	}
}
