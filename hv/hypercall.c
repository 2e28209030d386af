/*
 * Hypercalls: what a guest asks of the hypervisor. Every argument comes
 * from the guest and is checked before use; breaking a rule kills the guest
 * with the reason (see docs/abi.md for the list).
 */
#include <x86/desc.h>
#include <mm/window.h>
#include "async_ring.h"
#include "clock.h"
#include "console.h"
#include "descriptors.h"
#include "deliver.h"
#include "guest.h"
#include "guest_access.h"
#include "guest_console.h"
#include "hcalls.h"
#include "hypercall.h"
#include "rtc.h"
#include "segments.h"
#include "vectors.h"

#define CRASH_MESSAGE_MAX   120u

typedef uint32_t (*hcall_fn)(struct guest *g, const uint32_t *arg);

static uint32_t hc_register(struct guest *g, const uint32_t *arg)
{
	gpa_t gpa = arg[0];

	if (g->shared) {
		guest_kill(g, "registered its shared page twice");
		return 0;
	}
	if (gpa & (PAGE_SIZE - 1)) {
		guest_kill(g, "shared page at 0x%08llx is not page-aligned",
			   (unsigned long long)gpa);
		return 0;
	}
	if (gpa >= g->mem.bytes) {
		guest_kill(g, "shared page at 0x%08llx is outside its memory",
			   (unsigned long long)gpa);
		return 0;
	}
	if (arg[1] != HV_PT_2LEVEL && arg[1] != HV_PT_PAE) {
		guest_kill(g, "unknown page-table format %u", arg[1]);
		return 0;
	}
	g->shared_gpa = gpa;
	g->pt_format = arg[1];
	if (arg[1] == HV_PT_PAE && g->shadow.host_mode == PAGING_2LEVEL)
		kprintf("guest %s: PAE page tables on a 2-level host: no-execute "
			"is not enforced\n", g->name);
	g->shared = shared_page_map(g->id, guest_mem_hpa(&g->mem, gpa));
	g->shared->reserve_top = g->shadow.reserve_top;
	g->shared->time_ns = clock_ns();
	g->async_next = 0;
	return 0;
}

static uint32_t hc_nothing(struct guest *g, const uint32_t *arg)
{
	(void)g;
	(void)arg;
	return 0;
}

static uint32_t hc_crash(struct guest *g, const uint32_t *arg)
{
	char msg[CRASH_MESSAGE_MAX];
	size_t i;

	if (!guest_read_string(g, arg[0], msg, sizeof(msg))) {
		guest_kill(g, "crashed (message at 0x%08x unreadable)", arg[0]);
		return 0;
	}
	/* One line, with nothing that could pose as another console line. */
	for (i = 0; msg[i]; i++)
		if ((unsigned char)msg[i] < ' ' || (unsigned char)msg[i] >= 0x7F)
			msg[i] = '.';
	guest_kill(g, "crashed: %s", msg);
	return 0;
}

static uint32_t hc_shutdown(struct guest *g, const uint32_t *arg)
{
	if (arg[0] != HV_SHUTDOWN_POWEROFF && arg[0] != HV_SHUTDOWN_RESTART)
		guest_kill(g, "unknown shutdown kind %u", arg[0]);
	else
		guest_shutdown(g, arg[0], arg[1]);
	return 0;
}

static uint32_t hc_ts(struct guest *g, const uint32_t *arg)
{
	g->guest_ts = arg[0] != 0;
	return 0;
}

static uint32_t hc_set_timer(struct guest *g, const uint32_t *arg)
{
	uint64_t ns = ((uint64_t)arg[1] << 32) | arg[0], now = clock_ns();

	/* A deadline past the end of time waits forever, never wraps. */
	g->timer_deadline = !ns ? 0 : ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
	return 0;
}

static uint32_t hc_halt(struct guest *g, const uint32_t *arg)
{
	(void)arg;
	if (virq_pending(g))
		return 0;
	if (!g->timer_deadline) {
		/* Only its own timer could wake it. */
		guest_kill(g, "halted with no timer set: it would never wake");
		return 0;
	}
	g->state = GUEST_HALTED;
	return 0;
}

static uint32_t hc_console_write(struct guest *g, const uint32_t *arg)
{
	char buf[256];
	uint32_t gva = arg[0], left = arg[1];

	if (left > HV_CONSOLE_MAX) {
		guest_kill(g, "console write of %u bytes (at most %u)", left,
			   HV_CONSOLE_MAX);
		return 0;
	}
	while (left > 0) {
		uint32_t n = MIN(left, (uint32_t)sizeof(buf));

		if (!guest_read(g, gva, buf, n)) {
			guest_kill(g, "console write outside its memory "
				   "(0x%08x, %u bytes)", arg[0], arg[1]);
			return 0;
		}
		guest_console_put(g, buf, n);
		gva += n;
		left -= n;
	}
	return arg[1];
}

static uint32_t hc_wall_clock(struct guest *g, const uint32_t *arg)
{
	(void)g;
	(void)arg;
	return (uint32_t)rtc_epoch_seconds();
}

static const hcall_fn calls[HV_CALL_COUNT] = {
	[HV_CALL_REGISTER] = hc_register,
	[HV_CALL_FLUSH_ASYNC] = hc_nothing,
	[HV_CALL_CRASH] = hc_crash,
	[HV_CALL_SHUTDOWN] = hc_shutdown,
	[HV_CALL_NEW_PGTABLE] = hc_new_pgtable,
	[HV_CALL_SET_PTE] = hc_set_pte,
	[HV_CALL_SET_PGD] = hc_set_pgd,
	[HV_CALL_SET_PMD] = hc_set_pmd,
	[HV_CALL_FLUSH_TLB] = hc_flush_tlb,
	[HV_CALL_LOAD_IDT_ENTRY] = hc_load_idt_entry,
	[HV_CALL_SET_STACK] = hc_set_stack,
	[HV_CALL_TS] = hc_ts,
	[HV_CALL_SET_TIMER] = hc_set_timer,
	[HV_CALL_HALT] = hc_halt,
	[HV_CALL_LOAD_GDT] = hc_load_gdt,
	[HV_CALL_LOAD_GDT_ENTRY] = hc_load_gdt_entry,
	[HV_CALL_LOAD_TLS] = hc_load_tls,
	[HV_CALL_CONSOLE_WRITE] = hc_console_write,
	[HV_CALL_WALL_CLOCK] = hc_wall_clock,
};

uint32_t hypercall_run(struct guest *g, const struct hcall *h)
{
	g->hypercalls++;
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

void hypercall_from_trap(struct guest *g)
{
	struct trap_frame *r = &g->regs;
	struct hcall h = { r->eax, { r->edx, r->ebx, r->ecx, r->esi } };
	uint32_t result = hypercall_run(g, &h);

	if (guest_alive(g))
		r->eax = result;
}

static bool async_one(void *ctx, struct hv_async_call *call)
{
	struct guest *g = ctx;
	struct hcall h = { call->nr, { call->args[0], call->args[1],
				       call->args[2], call->args[3] } };

	if (h.nr == HV_CALL_REGISTER) {
		guest_kill(g, "register call in the async ring");
		return false;
	}
	call->result = hypercall_run(g, &h);
	return guest_alive(g) || g->state == GUEST_HALTED;
}

void hypercall_async_ring(struct guest *g)
{
	if (g->shared)
		async_ring_run(g->shared, &g->async_next, async_one, g);
}
