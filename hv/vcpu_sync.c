/*
 * Keeping the shadow tables of a guest's vCPUs in step: a page-table
 * change one vCPU reports is posted to each sibling's inbox, and the
 * sibling applies it to its own shadow before it next enters (vcpu.h).
 */
#include <lib/percpu.h>
#include "guest.h"
#include "hc_handlers.h"
#include "ipi.h"

/* Posts one change to v; true when v's inbox was empty until now. */
static bool post(struct guest *v, const struct pt_news *news)
{
	struct pt_inbox *in = &v->pt_inbox;
	bool first;

	guest_lock(v);
	first = in->n == 0 && !in->overflowed;
	if (in->n < VCPU_NEWS_MAX)
		in->news[in->n++] = *news;
	else
		in->overflowed = true;
	guest_unlock(v);
	return first;
}

void vcpu_tell_siblings(struct guest *g, uint64_t root, uint32_t gva,
			uint64_t span)
{
	struct pt_news news = { .root = root, .span = span, .gva = gva };
	unsigned k, here;

	if (g->nvcpus < 2)
		return;
	here = this_cpu()->index;
	for (k = 0; k < g->nvcpus; k++) {
		struct guest *v = vcpu_sibling(g, k);

		/* One kick when news starts to wait, to a sibling running now:
		 * it takes the change at its next entry, soon. */
		if (v != g && post(v, &news) &&
		    __atomic_load_n(&v->on_cpu, __ATOMIC_ACQUIRE) &&
		    v->cpu != here)
			cpu_kick(v->cpu);
	}
}

const char *vcpu_apply_change(struct guest *g, uint64_t root, uint32_t gva,
			      uint64_t span)
{
	if (!span)
		return shadow_set_pte(&g->shadow, root, gva);
	return shadow_invalidate(&g->shadow, root, gva, span);
}

void vcpu_catch_up(struct guest *g)
{
	struct pt_inbox in;
	const char *why = NULL;
	unsigned i;

	if (g->nvcpus < 2 ||
	    (!__atomic_load_n(&g->pt_inbox.n, __ATOMIC_ACQUIRE) &&
	     !__atomic_load_n(&g->pt_inbox.overflowed, __ATOMIC_ACQUIRE)))
		return;
	guest_lock(g);
	in = g->pt_inbox;
	g->pt_inbox.n = 0;
	g->pt_inbox.overflowed = false;
	guest_unlock(g);
	if (in.overflowed)
		shadow_flush(&g->shadow, true);
	for (i = 0; i < in.n && !in.overflowed && !why; i++)
		why = vcpu_apply_change(g, in.news[i].root, in.news[i].gva,
					 in.news[i].span);
	if (why)
		guest_kill(g, "%s", why);
	else
		kstack_pin_later(g);
}
