/*
 * Page-table hypercalls: the guest loads a table or reports a change, the
 * shadow pager (mm/shadow.c) follows, and the kernel stack is mapped again
 * so that traps never fault on it.
 */
#include "descriptors.h"
#include "guest.h"
#include "hc_handlers.h"

bool kstack_top(const struct guest *g, uint32_t *top)
{
	uint32_t base;
	bool big;

	if (!stack_segment_of(g->gdt, HV_GDT_ENTRIES, g->kstack_ss, &base, &big))
		return false;
	*top = base + (big ? g->kstack_esp - 1 : (g->kstack_esp - 1) & 0xFFFFu);
	return true;
}

/* The pages of the kernel stack, from its top down; returns how many (0
 * when its segment is no usable stack). */
static unsigned page_list(const struct guest *g, gva_t pages[KSTACK_MAX_PAGES])
{
	uint32_t i, top;

	/* Its segment is gone: nothing to pin, and ring 3 is refused until
	 * there is one (see enter.c). */
	if (!kstack_top(g, &top))
		return 0;
	for (i = 0; i < g->kstack_pages; i++)
		pages[i] = (top & (uint32_t)PAGE_MASK) - i * PAGE_SIZE;
	return g->kstack_pages;
}

static bool pin_pages(struct guest *g)
{
	gva_t pages[KSTACK_MAX_PAGES];
	unsigned i, n = page_list(g, pages);

	if (n)
		kstack_top(g, &g->kstack_pinned);
	shadow_set_pins(&g->shadow, n ? pages[0] : 0, n);
	for (i = 0; i < n; i++) {
		const char *why = shadow_pin(&g->shadow, pages[i]);

		if (why) {
			guest_kill(g, "%s (kernel stack page 0x%08x)", why,
				   pages[i]);
			return false;
		}
	}
	return true;
}

/*
 * Pinning needs at most two page tables, which the quota always has room
 * for; but making that room may empty the current space, pins and all,
 * so a pass that lost its pins is done again, once.
 */
bool kstack_pin(struct guest *g)
{
	unsigned pass;

	g->kstack_unpinned = false;
	if (!g->kstack_pages)
		return true;
	shadow_pins_lost(&g->shadow);
	for (pass = 0; pass < 2; pass++) {
		if (!pin_pages(g))
			return false;
		if (!shadow_pins_lost(&g->shadow))
			return true;
	}
	guest_kill(g, "kernel stack does not fit its shadow quota");
	return false;
}

/* After a page-table call: kill on a broken rule, else re-pin the stack. */
static uint32_t after_pt_change(struct guest *g, const char *why)
{
	if (why)
		guest_kill(g, "%s", why);
	else
		kstack_pin_later(g);
	return 0;
}

uint32_t hc_new_pgtable(struct guest *g, const uint32_t *arg)
{
	uint32_t kernel = g->shared->kernel_address;

	if (kernel >= g->shadow.reserve_top) {
		/* Braced: the switcher's address depends on the host's mode. */
		guest_kill(g, "kernel address {0x%08x} is at or above the switcher "
			   "({0x%08x})", kernel, g->shadow.reserve_top);
		return 0;
	}
	g->shadow.kernel_address = kernel;
	return after_pt_change(g, shadow_set_root(&g->shadow,
				      (enum guest_pt_format)g->pt_format, arg[0]));
}

/* A change to the guest's tables: this vCPU's shadow follows now, its
 * siblings' before they next enter (vcpu.h). span 0: one page's entry. */
static uint32_t table_changed(struct guest *g, gpa_t root, gva_t gva,
			      uint64_t span)
{
	const char *why = vcpu_apply_change(g, root, gva, span);

	if (!why)
		vcpu_tell_siblings(g, root, gva, span);
	return after_pt_change(g, why);
}

uint32_t hc_set_pte(struct guest *g, const uint32_t *arg)
{
	return table_changed(g, arg[0], arg[1], 0);
}

uint32_t hc_set_pgd(struct guest *g, const uint32_t *arg)
{
	return table_changed(g, arg[0], arg[1],
			     gwalk_top_span((enum guest_pt_format)g->pt_format));
}

uint32_t hc_set_pmd(struct guest *g, const uint32_t *arg)
{
	if (g->pt_format != HV_PT_PAE) {
		guest_kill(g, "set PMD from a guest with 2-level page tables");
		return 0;
	}
	return table_changed(g, arg[0], arg[1], gwalk_dir_span(GPT_PAE));
}

uint32_t hc_flush_tlb(struct guest *g, const uint32_t *arg)
{
	if (arg[0] != HV_FLUSH_USER && arg[0] != HV_FLUSH_ALL) {
		guest_kill(g, "unknown TLB flush kind %u", arg[0]);
		return 0;
	}
	shadow_flush(&g->shadow, arg[0] == HV_FLUSH_ALL);
	return after_pt_change(g, NULL);
}
