/*
 * Hypercalls between the virtual CPUs of one guest (vcpu.h): starting one,
 * and sending one a virtual interrupt.
 */
#include <x86/cr.h>
#include <lib/percpu.h>
#include "deliver.h"
#include "guest.h"
#include "hc_handlers.h"
#include "ipi.h"

/* Another vCPU's shared page there already: the guest is confused. */
static bool shared_page_taken(struct guest *g, gpa_t gpa, unsigned *owner)
{
	unsigned k;

	for (k = 0; k < g->nvcpus; k++) {
		const struct guest *v = vcpu_sibling(g, k);

		if ((v->shared || v->start_claimed) && v->shared_gpa == gpa) {
			*owner = k;
			return true;
		}
	}
	return false;
}

/* Claims offline vCPU v for one START_VCPU; false if it had started. */
static bool claim(struct guest *v)
{
	bool ok;

	guest_lock(v);
	ok = v->state == GUEST_OFFLINE && !v->start_claimed;
	if (ok) {
		v->start_claimed = true;
		__atomic_add_fetch(&vcpu_first(v)->wakeups, 1, __ATOMIC_SEQ_CST);
	}
	guest_unlock(v);
	return ok;
}

/* Its first registers: ring 1 at eip on esp, EAX its index. */
static void first_registers(struct guest *v, uint32_t eip, uint32_t esp)
{
	struct trap_frame *r = &v->regs;

	__builtin_memset(r, 0, sizeof(*r));
	r->eip = eip;
	r->esp = esp;
	r->cs = HV_SEL_KERNEL_CODE;
	r->ss = r->ds = r->es = HV_SEL_KERNEL_DATA;
	r->eflags = EFLAGS_RESERVED | EFLAGS_IF;
	r->eax = v->vcpu;
}

/*
 * What the new vCPU gets from its starter now: registers, copies of the
 * starter's GDT and IDT, its page-table format and address space. Its
 * home CPU maps the shared page and loads the address space before it
 * runs (vcpu_come_online).
 */
uint32_t hc_start_vcpu(struct guest *g, const uint32_t *arg)
{
	unsigned k = arg[0], owner;
	struct guest *v;

	if (k >= g->nvcpus) {
		guest_kill(g, "started vCPU %u, but it has %u", k, g->nvcpus);
		return 0;
	}
	if (!shared_page_usable(g, arg[3]))
		return 0;
	if (shared_page_taken(g, arg[3], &owner)) {
		guest_kill(g, "started vCPU %u with vCPU %u's shared page", k,
			   owner);
		return 0;
	}
	v = vcpu_sibling(g, k);
	if (!claim(v)) {
		guest_kill(g, "started vCPU %u, which has started already", k);
		return 0;
	}
	first_registers(v, arg[1], arg[2]);
	__builtin_memcpy(v->gdt, g->gdt, sizeof(v->gdt));
	__builtin_memcpy(v->gdt_asked, g->gdt_asked, sizeof(v->gdt_asked));
	v->gdt_cut = g->gdt_cut;
	__builtin_memcpy(v->idt, g->idt, sizeof(v->idt));
	v->gdt_changed = v->idt_changed = v->tls_changed = true;
	v->pt_format = g->pt_format;
	v->shared_gpa = arg[3];
	v->start_root = g->shadow.cur->root;
	v->start_kernel = g->shadow.kernel_address;
	v->start_pending = true;
	guest_lock(v);
	if (v->state == GUEST_OFFLINE)      /* not if the guest ended since */
		v->state = GUEST_RUNNABLE;
	guest_unlock(v);
	cpu_kick(v->cpu);
	return 0;
}

uint32_t hc_send_ipi(struct guest *g, const uint32_t *arg)
{
	if (arg[0] >= g->nvcpus) {
		guest_kill(g, "sent an interrupt to vCPU %u, but it has %u",
			   arg[0], g->nvcpus);
		return 0;
	}
	if (arg[1] < HV_IRQ_IPI_FIRST || arg[1] >= HV_IRQS) {
		guest_kill(g, "sent virtual irq %u (only %u to %u may be sent)",
			   arg[1], HV_IRQ_IPI_FIRST, HV_IRQS - 1);
		return 0;
	}
	virq_raise(vcpu_sibling(g, arg[0]), arg[1]);
	return 0;
}
