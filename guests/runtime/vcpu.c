/* Starting a guest's other virtual CPUs (vcpu.h). */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

extern char noirq_start[], noirq_end[];
void hv_vcpu_entry(void);           /* vcpu_entry.S: EAX holds k */
void hv_vcpu_main(unsigned k);

static void (*entry_fn[HV_MAX_VCPUS])(unsigned k);

unsigned hv_vcpus(void)
{
	return hv_boot->vcpus ? hv_boot->vcpus : 1;
}

/* Points this vCPU's own GDT entry at its area and loads %gs with it. */
static void load_area(struct hv_vcpu_area *a)
{
	uint32_t lo, hi;

	hv_data_segment(a, &lo, &hi);
	hcall(HV_CALL_LOAD_GDT_ENTRY, HV_RUNTIME_GDT_VCPU, lo, hi, 0);
	__asm__ volatile("movl %0, %%gs" : : "r"(HV_RUNTIME_SEL_VCPU));
}

/* A fresh shared page for vCPU k, set up as runtime_start sets vCPU 0's. */
static struct hv_shared *new_shared_page(void)
{
	struct hv_shared *page = memalign(4096, 4096);

	if (!page)
		hv_crash("hv_vcpu_start: no memory for a shared page");
	memset(page, 0, 4096);
	page->kernel_address = hv_self()->kernel_address;
	page->noirq_start = (uint32_t)noirq_start;
	page->noirq_end = (uint32_t)noirq_end;
	return page;
}

void hv_vcpu_start(unsigned k, void (*fn)(unsigned k))
{
	struct hv_shared *page;
	char *stack;

	_Static_assert(sizeof(struct hv_shared) <= 4096, "one page");
	if (k == 0 || k >= HV_MAX_VCPUS) {      /* the hypervisor says why */
		hcall(HV_CALL_START_VCPU, k, 0, 0, 0);
		return;
	}
	if (!hv_smp) {
		load_area(&hv_vcpu_areas[0]);
		hv_smp = 1;
	}
	page = new_shared_page();
	stack = malloc(HV_VCPU_STACK);
	if (!stack)
		hv_crash("hv_vcpu_start: no memory for a stack");
	hv_vcpu_areas[k] = (struct hv_vcpu_area){
		.self = &hv_vcpu_areas[k], .shared = page, .index = k,
	};
	entry_fn[k] = fn;
	hcall(HV_CALL_START_VCPU, k, (uint32_t)hv_vcpu_entry,
	      (uint32_t)(stack + HV_VCPU_STACK), (uint32_t)page);
}

/* The new vCPU, on its stack: its area first, since %gs is not yet set. */
void hv_vcpu_main(unsigned k)
{
	load_area(&hv_vcpu_areas[k]);
	entry_fn[k](k);
	for (;;)
		hv_halt_irq();
}
