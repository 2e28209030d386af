/*
 * The hypercall dispatcher: one table from call number to handler, the
 * rules every call shares (the shared page first, numbers in range), and
 * the two ways calls arrive: the trap, with arguments in registers, and
 * the async ring. Every argument comes from the guest and is checked by
 * its handler (hc_*.c) before use; breaking a rule kills the guest with the
 * reason (docs/abi.md lists them).
 */
#include "async_ring.h"
#include "guest.h"
#include "hc_handlers.h"
#include "hypercall.h"
#include "trace.h"

typedef uint32_t (*hcall_fn)(struct guest *g, const uint32_t *arg);

static const hcall_fn calls[HV_CALL_COUNT] = {
	/* The guest itself (hc_lifecycle.c). */
	[HV_CALL_REGISTER] = hc_register,
	[HV_CALL_FLUSH_ASYNC] = hc_flush_async,
	[HV_CALL_CRASH] = hc_crash,
	[HV_CALL_SHUTDOWN] = hc_shutdown,
	[HV_CALL_TS] = hc_ts,
	[HV_CALL_SET_TIMER] = hc_set_timer,
	[HV_CALL_HALT] = hc_halt,
	[HV_CALL_CONSOLE_WRITE] = hc_console_write,
	[HV_CALL_CONSOLE_READ] = hc_console_read,
	[HV_CALL_WALL_CLOCK] = hc_wall_clock,
	[HV_CALL_WHERE] = hc_where,
	/* Its virtual CPUs (hc_vcpu.c). */
	[HV_CALL_START_VCPU] = hc_start_vcpu,
	[HV_CALL_SEND_IPI] = hc_send_ipi,
	/* Page tables (hc_paging.c). */
	[HV_CALL_NEW_PGTABLE] = hc_new_pgtable,
	[HV_CALL_SET_PTE] = hc_set_pte,
	[HV_CALL_SET_PGD] = hc_set_pgd,
	[HV_CALL_SET_PMD] = hc_set_pmd,
	[HV_CALL_FLUSH_TLB] = hc_flush_tlb,
	/* Descriptor tables and the kernel stack (hc_descriptors.c). */
	[HV_CALL_LOAD_IDT_ENTRY] = hc_load_idt_entry,
	[HV_CALL_LOAD_GDT] = hc_load_gdt,
	[HV_CALL_LOAD_GDT_ENTRY] = hc_load_gdt_entry,
	[HV_CALL_LOAD_TLS] = hc_load_tls,
	[HV_CALL_SET_STACK] = hc_set_stack,
};

uint32_t hypercall_run(struct guest *g, const struct hcall *h)
{
	if (h->nr >= HV_CALL_COUNT || !calls[h->nr]) {
		guest_kill(g, "unknown hypercall %u", h->nr);
		return 0;
	}
	if (!g->shared && h->nr != HV_CALL_REGISTER) {
		guest_kill(g, "hypercall %u before registering its shared page",
			   h->nr);
		return 0;
	}
	return calls[h->nr](g, h->arg);
}

static void from_trap(struct guest *g)
{
	struct trap_frame *r = &g->regs;
	struct hcall h = { r->eax, { r->edx, r->ebx, r->ecx, r->esi } };
	uint32_t result = hypercall_run(g, &h);

	/* Harmless if the call ended the guest: its memory is still held. */
	if (!g->call_blocked) {
		r->eax = result;
		g->hypercalls++;
		trace(TRACE_HYPERCALL, g, h.nr, result);
	}
}

static enum async_outcome async_one(void *ctx, struct hv_async_call *call)
{
	struct guest *g = ctx;
	struct hcall h = { call->nr, { call->args[0], call->args[1],
				       call->args[2], call->args[3] } };

	if (h.nr == HV_CALL_REGISTER) {
		guest_kill(g, "register call in the async ring");
		return ASYNC_STOP;
	}
	call->result = hypercall_run(g, &h);
	if (g->call_blocked && guest_alive(g))
		return ASYNC_AGAIN;
	g->hypercalls++;
	trace(TRACE_HYPERCALL, g, h.nr, call->result);
	return guest_alive(g) ? ASYNC_DONE : ASYNC_STOP;
}

bool hypercall_work(struct guest *g, unsigned budget)
{
	g->call_blocked = false;
	if (g->shared) {
		async_ring_run(g->shared, &g->async_next, budget, async_one, g);
		if (!guest_alive(g) || g->call_blocked ||
		    async_ring_ready(g->shared, g->async_next))
			return false;
	}
	if (g->sync_pending) {
		from_trap(g);
		if (!guest_alive(g) || g->call_blocked)
			return false;
		g->sync_pending = false;
	}
	return true;
}
