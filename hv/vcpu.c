/*
 * The virtual CPUs of one guest: making them at load, bringing a started
 * one online on its home CPU, stopping them all when the guest ends, and
 * knowing when the last has let go of the memory (vcpu.h).
 */
#include <mm/mm.h>
#include <mm/paging.h>
#include <switcher/switcher.h>
#include <lib/fmt.h>
#include <lib/percpu.h>
#include "console_input.h"
#include "deliver.h"
#include "fpu.h"
#include "guest.h"
#include "hc_handlers.h"
#include "ipi.h"
#include "smp.h"

struct guest *vcpu_first(const struct guest *g)
{
	return &guests[g->id - g->vcpu];
}

struct guest *vcpu_sibling(const struct guest *g, unsigned k)
{
	return &guests[g->id - g->vcpu + k];
}

static const char *add_one(struct guest *v0, unsigned k, int cpu, char *err,
			   size_t errlen)
{
	struct guest *v = &guests[v0->id + k];
	uint32_t quota = shadow_quota(host_pt.mode, v0->mem.bytes,
				      switcher_base);

	__builtin_memset(v, 0, sizeof(*v));
	v->mem = v0->mem;           /* the same frames: vCPU 0 frees them */
	if (!shadow_create(&v->shadow, host_pt.mode, host_pt.nx, &hv_frames,
			   &v->mem, switcher_base, quota)) {
		fmt_snprintf(err, errlen, "not enough memory for the shadow page "
			     "tables of vCPU %u (%uK, %lluK free)", k, quota * 4,
			     (unsigned long long)hv_frames.free_direct * 4);
		return err;
	}
	v->id = v0->id + k;
	v->vcpu = k;
	v->nvcpus = v0->nvcpus;
	v->cpu = (cpu >= 0 ? (unsigned)cpu + k : v->id) % cpus_online;
	v->pinned = cpu >= 0;
	v->state = GUEST_OFFLINE;
	v->holds_memory = true;
	v->mem_given = v0->mem_given;
	v->module = v0->module;
	v->module_index = v0->module_index;
	__builtin_memcpy(v->name, v0->name, sizeof(v->name));
	__builtin_memcpy(v->cmdline, v0->cmdline, sizeof(v->cmdline));
	fpu_guest_init(v);
	return NULL;
}

const char *vcpus_add(struct guest *v0, unsigned n, int cpu, char *err,
		      size_t errlen)
{
	const char *why;
	unsigned k;

	if (v0->id + n > MAX_GUESTS) {
		fmt_snprintf(err, errlen, "vcpus=%u: room for %u more guest "
			     "slots only (%u in all)", n, MAX_GUESTS - v0->id,
			     MAX_GUESTS);
		return err;
	}
	v0->nvcpus = n;
	v0->vcpus_holding = n;
	for (k = 1; k < n; k++) {
		if ((why = add_one(v0, k, cpu, err, errlen))) {
			while (--k >= 1)
				shadow_destroy(&guests[v0->id + k].shadow);
			return why;
		}
	}
	return NULL;
}

void vcpus_stop_siblings(struct guest *v0, unsigned state)
{
	unsigned k, here = this_cpu()->index;

	for (k = 1; k < v0->nvcpus; k++) {
		struct guest *v = vcpu_sibling(v0, k);

		guest_lock(v);
		if (v->state == GUEST_OFFLINE || guest_alive(v))
			v->state = (enum guest_state)state;
		guest_unlock(v);
		if (v->cpu != here)
			cpu_kick(v->cpu);
	}
}

bool vcpu_asleep_for_good(const struct guest *g)
{
	return !g->timer_deadline && !virq_pending(g) &&
	       !console_input_can_wake(g);
}

bool vcpus_all_asleep(struct guest *g)
{
	const uint32_t *wakeups = &vcpu_first(g)->wakeups;
	uint32_t before = __atomic_load_n(wakeups, __ATOMIC_SEQ_CST);
	unsigned k;
	bool asleep = true;

	for (k = 0; k < g->nvcpus && asleep; k++) {
		struct guest *v = vcpu_sibling(g, k);

		if (v == g)
			continue;
		guest_lock(v);
		asleep = (v->state == GUEST_HALTED && vcpu_asleep_for_good(v)) ||
			 (v->state == GUEST_OFFLINE && !v->start_claimed);
		guest_unlock(v);
	}
	/* One at a time, each sibling could have been woken after we looked
	 * (by one we looked at later): then the count moved. */
	return asleep && __atomic_load_n(wakeups, __ATOMIC_SEQ_CST) == before;
}

bool vcpu_last_out(struct guest *g)
{
	return __atomic_sub_fetch(&vcpu_first(g)->vcpus_holding, 1,
				  __ATOMIC_ACQ_REL) == 0;
}

/* The shared page and address space its starter gave it (hc_vcpu.c). */
void vcpu_come_online(struct guest *g)
{
	const char *why = NULL;

	g->start_pending = false;
	shared_page_attach(g, g->shared_gpa);
	g->shadow.kernel_address = g->start_kernel;
	if (g->start_root != SHADOW_LINEAR)
		why = shadow_set_root(&g->shadow,
				      (enum guest_pt_format)g->pt_format,
				      g->start_root);
	if (why)
		guest_kill(g, "%s", why);
}
