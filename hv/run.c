/*
 * The run loop. Each pass for a guest: run its async ring and any pending
 * synchronous hypercall, deliver a virtual interrupt if one is due, enter
 * it through the switcher, then deal with why it came back. Guests share
 * the CPU round robin in time slices; a halted guest costs nothing until
 * its timer or another interrupt wakes it.
 */
#include <stdarg.h>
#include <x86/cr.h>
#include <x86/io.h>
#include <mm/mm.h>
#include <mm/window.h>
#include <switcher/switcher.h>
#include "clock.h"
#include "console.h"
#include "deliver.h"
#include "fmt.h"
#include "fpu.h"
#include "guest.h"
#include "guest_access.h"
#include "guest_console.h"
#include "hypercall.h"
#include "io_decode.h"
#include "options.h"
#include "panic.h"
#include "percpu.h"
#include "power.h"
#include "segments.h"
#include "timer.h"
#include "vectors.h"

#define SLICE_NS            10000000ull     /* 10 ms */
#define PF_ERR_WRITE        (1u << 1)
#define PF_ERR_USER         (1u << 2)
#define GUEST_EFLAGS_KEEP   (EFLAGS_STATUS | EFLAGS_DF | EFLAGS_TF | EFLAGS_AC | \
			     EFLAGS_RF | EFLAGS_ID)

extern unsigned modules_refused;

static bool is_host_irq(unsigned vector)
{
	return vector == VEC_LAPIC_TIMER || vector == VEC_LAPIC_SPURIOUS ||
	       (vector >= VEC_PIC_BASE && vector < VEC_PIC_BASE + 16);
}

static void load_idt(struct guest *g, struct switcher_state *st)
{
	unsigned v;

	for (v = 0; v < NUM_VECTORS; v++) {
		const struct guest_gate *gate = &g->idt[v];
		unsigned dpl = (gate->hi & DESC_P) ? MAX(1u, desc_dpl(
			(struct desc){ gate->lo, gate->hi })) : 0;

		/* A gate whose segment changed since is delivered (and
		 * refused) by the hypervisor instead. */
		if (idt_entry_direct(v, gate) &&
		    gate_selector_ok(g->gdt, HV_GDT_ENTRIES, gate->lo >> 16)) {
			uint16_t sel = (uint16_t)(((gate->lo >> 16) & ~SEL_RPL_MASK) | 1);
			uint32_t off = (gate->hi & 0xFFFF0000u) | (gate->lo & 0xFFFFu);
			st->guest_idt[v] = desc_gate(sel, off, SYS_TYPE_TRAP_GATE, dpl);
			continue;
		}
		/* Hardware interrupts must not be raised by "int". */
		if (is_host_irq(v) || v == VEC_DOUBLE_FAULT)
			dpl = 0;
		if (v == HV_HYPERCALL_VECTOR)
			dpl = 1;
		st->guest_idt[v] = desc_gate(SEL_HV_CODE, switcher_stub(v),
					     SYS_TYPE_INTR_GATE, dpl);
	}
}

/*
 * The guest's view of the descriptor tables, in the CPU's state page: all
 * of it when another guest ran here last, otherwise only what changed.
 * TLS loads (frequent: one per task switch in a guest) copy three entries.
 */
static void load_tables(struct guest *g, struct switcher_cpu *sc)
{
	struct switcher_state *st = sc->state;
	bool all = sc->loaded_for != g;
	unsigned i;

	if (all || g->gdt_changed) {
		for (i = 0; i < HV_GDT_ENTRIES; i++)
			if (gdt_index_settable(i))
				st->guest_gdt[i] = g->gdt[i];
	} else if (g->tls_changed) {
		for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
			st->guest_gdt[HV_GDT_TLS_FIRST + i] =
				g->gdt[HV_GDT_TLS_FIRST + i];
	}
	if (all || g->idt_changed)
		load_idt(g, st);
	sc->loaded_for = g;
	g->gdt_changed = g->idt_changed = g->tls_changed = false;
}

/*
 * Entering with a ring-0 selector would hand the guest the machine; the
 * paths that set CS and SS never produce one, and this makes sure.
 */
static bool registers_safe(const struct trap_frame *r)
{
	unsigned rpl = r->cs & SEL_RPL_MASK;

	return rpl != 0 && (r->ss & SEL_RPL_MASK) == rpl;
}

static void enter(struct guest *g, unsigned cpu)
{
	struct switcher_cpu *sc = switcher_cpu(cpu);
	struct trap_frame *r = &g->regs;

	if (!registers_safe(r)) {
		guest_kill(g, "invalid cs 0x%x / ss 0x%x", r->cs, r->ss);
		return;
	}

	load_tables(g, sc);
	sc->state->guest_tss.ss1 = g->kstack_ss;
	sc->state->guest_tss.esp1 = g->kstack_esp;
	shadow_use_cpu(&g->shadow, cpu, sc->guest_pt);
	if (g->shared)
		g->shared->time_ns = clock_ns();
	/* Whatever the guest did, it runs with interrupts on and no I/O. */
	r->eflags = (r->eflags & GUEST_EFLAGS_KEEP) | EFLAGS_RESERVED | EFLAGS_IF;
	fpu_before_entry(g);
	*sc->regs = *r;
	switcher_run(sc, shadow_cr3(&g->shadow));
	*r = *sc->regs;
	g->exits++;
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
			   (r->error & PF_ERR_WRITE) ? "wrote to" : "touched",
			   cr2, r->eip);
		return;
	}
	switch (shadow_fault(&g->shadow, cr2, r->error, &error, &why)) {
	case SF_FIXED:
		return;
	case SF_KILL:
		guest_kill(g, "%s (address 0x%08x, eip 0x%08x)", why, cr2, r->eip);
		return;
	case SF_REFLECT:
		break;
	}
	if (g->shared)
		g->shared->cr2 = cr2;
	if (!deliver_trap(g, VEC_PAGE_FAULT, true, error))
		guest_kill(g, "page fault at 0x%08x (eip 0x%08x) with no handler",
			   cr2, r->eip);
}

/* in/out: reads return all ones, writes vanish. */
static bool emulate_io(struct guest *g)
{
	struct trap_frame *r = &g->regs;
	uint8_t code[3];
	unsigned len = sizeof(code);
	struct io_insn insn;

	/* The longest form is 66 E5 ib; the code may end just before. */
	while (len > 0 && !guest_read(g, r->eip, code, len))
		len--;
	if (len == 0 || !io_decode(code, len, &insn))
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
	return true;
}

static void unhandled(struct guest *g, unsigned vector)
{
	if (!deliver_trap(g, vector, VEC_HAS_ERROR_CODE(vector), g->regs.error))
		guest_kill(g, "unhandled trap %u at eip 0x%08x", vector,
			   g->regs.eip);
}

static void handle_exit(struct guest *g, uint32_t cr2)
{
	unsigned v = g->regs.vector;

	if (is_host_irq(v)) {
		host_irq(v);
		return;
	}
	switch (v) {
	case VEC_PAGE_FAULT:
		page_fault(g, cr2);
		break;
	case VEC_GP:
		if (g->regs.error != 0 || !emulate_io(g))
			unhandled(g, v);
		break;
	case VEC_NO_FPU:
		if (!fpu_trap(g))
			unhandled(g, v);
		break;
	case HV_HYPERCALL_VECTOR:
		/* The ring's calls come first, in order, then this one. */
		hypercall_async_ring(g);
		if (g->state == GUEST_RUNNABLE)
			hypercall_from_trap(g);
		break;
	default:
		unhandled(g, v);
		break;
	}
}

static void check_timer(struct guest *g, uint64_t now)
{
	if (g->timer_deadline && now >= g->timer_deadline) {
		g->timer_deadline = 0;
		virq_raise(g, HV_IRQ_TIMER);
	}
}

static void check_all_timers(void)
{
	uint64_t now = clock_ns();
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]))
			check_timer(&guests[i], now);
}

static uint64_t earliest_deadline(uint64_t limit)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]) && guests[i].timer_deadline)
			limit = MIN(limit, guests[i].timer_deadline);
	return limit;
}

static bool others_runnable(const struct guest *g)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (&guests[i] != g && guests[i].state == GUEST_RUNNABLE)
			return true;
	return false;
}

static void run_slice(struct guest *g)
{
	uint64_t slice_end = clock_ns() + SLICE_NS;

	while (g->state == GUEST_RUNNABLE) {
		uint32_t cr2;

		hypercall_async_ring(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		check_all_timers();
		virq_deliver(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		if (clock_ns() >= slice_end) {
			if (others_runnable(g))
				break;
			/* Alone: a new slice, not a timer already due. */
			slice_end = clock_ns() + SLICE_NS;
		}
		timer_set_deadline(earliest_deadline(slice_end));
		enter(g, this_cpu()->index);
		if (g->state != GUEST_RUNNABLE)
			break;
		cr2 = read_cr2();
		handle_exit(g, cr2);
	}
}

static struct guest *pick_next(unsigned *cursor)
{
	unsigned i;

	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[(*cursor + i) % nguests];

		if (g->state == GUEST_RUNNABLE) {
			*cursor = (g->id + 1) % nguests;
			return g;
		}
	}
	return NULL;
}

static bool any_alive(void)
{
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (guest_alive(&guests[i]))
			return true;
	return false;
}

static void idle(void)
{
	timer_set_deadline(earliest_deadline(clock_ns() + SLICE_NS));
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

static void release(struct guest *g)
{
	guest_console_flush(g);
	fpu_guest_gone(g);
	if (g->shared) {
		shared_page_map(g->id, FRAME_NONE);
		g->shared = NULL;
	}
	shadow_destroy(&g->shadow);
	guest_mem_free(&g->mem, &hv_frames);
	switcher_cpu(this_cpu()->index)->loaded_for = NULL;
}

void guest_kill(struct guest *g, const char *fmt, ...)
{
	va_list ap;

	if (!guest_alive(g))
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(g->end_reason, sizeof(g->end_reason), fmt, ap);
	va_end(ap);
	g->state = GUEST_KILLED;
	guest_console_flush(g);
	kprintf("guest %s killed: %s\n", g->name, g->end_reason);
	release(g);
}

void guest_shutdown(struct guest *g, uint32_t how, uint32_t status)
{
	g->state = GUEST_SHUTDOWN;
	g->exit_status = status;
	g->restart_requested = how == HV_SHUTDOWN_RESTART;
	release(g);
}

/* With the "stats" option: how each guest used the hypervisor. */
static void report_stats(const struct guest *g)
{
	const struct shadow_stats *st = &g->shadow.stats;

	kprintf("  %s: {%llu} exits, {%llu} hypercalls, shadow: {%llu} faults "
		"filled, {%llu} reflected, {%llu} prefilled, {%llu} table loads, "
		"{%llu} evictions\n", g->name, (unsigned long long)g->exits,
		(unsigned long long)g->hypercalls,
		(unsigned long long)st->faults_fixed,
		(unsigned long long)st->faults_reflected,
		(unsigned long long)st->prefills, (unsigned long long)st->switches,
		(unsigned long long)st->evictions);
}

static int report(uint64_t frames_before)
{
	int status = modules_refused ? POWER_FAILURE : POWER_SUCCESS;
	unsigned i;

	kprintf("guests: all stopped\n");
	for (i = 0; i < nguests; i++) {
		struct guest *g = &guests[i];

		if (g->state == GUEST_KILLED) {
			kprintf("  %s: killed: %s\n", g->name, g->end_reason);
			status = POWER_FAILURE;
		} else {
			kprintf("  %s: %s, status %u\n", g->name,
				g->restart_requested ? "asked to restart (not "
				"supported; stopped)" : "shut down",
				g->exit_status);
			if (g->exit_status != 0 || g->restart_requested)
				status = POWER_FAILURE;
		}
		if (hv_options.stats)
			report_stats(g);
	}
	if (hv_frames.free != frames_before) {
		kprintf("memory: %lld frames not returned by the guests\n",
			(long long)(frames_before - hv_frames.free));
		status = POWER_FAILURE;
	} else {
		kprintf("memory: every guest frame returned\n");
	}
	return status;
}

int guests_run(uint64_t frames_before)
{
	unsigned cursor = 0;

	while (any_alive()) {
		struct guest *g;

		check_all_timers();
		g = pick_next(&cursor);
		if (g)
			run_slice(g);
		else
			idle();
	}
	timer_stop();
	return report(frames_before);
}
