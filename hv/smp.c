#include <boot/mb2.h>
#include <multiboot2.h>
#include <x86/apic.h>
#include <x86/cr.h>
#include <x86/io.h>
#include <x86/msr.h>
#include <lib/console.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include "acpi.h"
#include "ap_boot.h"
#include "clock.h"
#include "cpu.h"
#include "cpu_tables.h"
#include "fpu.h"
#include "guest.h"
#include "lapic.h"
#include "smp.h"
#include "timer.h"

#define AP_STACK_SIZE       8192u
#define LOW_MEMORY_END      0xA0000u        /* conventional memory */
#define INIT_WAIT_NS        (10ull * 1000 * 1000)
#define STARTUP_WAIT_NS     (200ull * 1000)
#define STARTUP_IPIS        2

unsigned cpus_online = 1;
static bool no_startup;                 /* smp_start's silent */
static uint8_t ap_stacks[MAX_CPUS][AP_STACK_SIZE] ALIGNED(16);

_Static_assert(sizeof(struct ap_boot_params) == AP_PARAM_GDT +
	       AP_BOOT_GDT_ENTRIES * sizeof(struct desc), "ap_boot.h offsets");

static void wait_ns(uint64_t ns)
{
	uint64_t end = clock_ns() + ns;

	while (clock_ns() < end)
		cpu_relax();
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* A free page of conventional memory that no module occupies, or 0. */
static uint32_t boot_page(const struct mb2_info *bi)
{
	uint32_t pa;
	unsigned r, m;

	for (pa = PAGE_SIZE; pa + PAGE_SIZE <= LOW_MEMORY_END; pa += PAGE_SIZE) {
		bool free = false;

		for (r = 0; r < bi->nregions; r++) {
			const struct mb2_region *g = &bi->regions[r];

			if (g->type == MB2_MEMORY_AVAILABLE && g->base <= pa &&
			    pa + PAGE_SIZE <= g->base + g->length)
				free = true;
		}
		for (m = 0; m < bi->nmodules; m++)
			if (overlaps(pa, PAGE_SIZE, bi->modules[m].start,
				     bi->modules[m].end - bi->modules[m].start))
				free = false;
		if (free)
			return pa;
	}
	return 0;
}

static NORETURN void ap_main(unsigned index)
{
	struct cpu *cpu = &cpus[index];

	cpu_tables_init(cpu);
	if (this_cpu() != cpu)
		panic("cpu %u: this_cpu() does not find its own tables", index);
	lapic_enable(lapic_base());
	/* The 8259A's virtual wire is the boot CPU's alone. */
	lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
	timer_cpu_init();
	fpu_cpu_init();
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	run_ap();
}

static void fill_params(uint32_t page, unsigned index)
{
	struct ap_boot_params *p = (void *)(uintptr_t)(page + AP_BOOT_PARAMS);

	p->far_offset = page + (uint32_t)(ap_boot_32 - ap_boot_start);
	p->far_sel = AP_BOOT_CODE_SEL;
	p->gdt[GDT_NULL] = (struct desc){ 0, 0 };
	p->gdt[GDT_HV_CODE] = desc_flat(SEG_CODE_RX, 0);
	p->gdt[GDT_HV_DATA] = desc_flat(SEG_DATA_RW, 0);
	p->gdt_limit = sizeof(p->gdt) - 1;
	p->gdt_base = page + AP_BOOT_PARAMS + (uint32_t)__builtin_offsetof(
		struct ap_boot_params, gdt);
	p->cr0 = read_cr0();
	p->cr3 = read_cr3();
	p->cr4 = read_cr4();
	p->efer_msr = cpu_features.msr && cpu_features.efer ? MSR_EFER : 0;
	p->efer = p->efer_msr ? (uint32_t)rdmsr(MSR_EFER) : 0;
	p->stack = (uint32_t)(ap_stacks[index] + AP_STACK_SIZE);
	p->entry = (uint32_t)ap_main;
	p->index = index;
}

static bool answered(const struct cpu *cpu, uint64_t deadline)
{
	while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
		if (clock_ns() >= deadline)
			return false;
		cpu_relax();
	}
	return true;
}

/* INIT, then start-up IPIs until the CPU says it is up. */
static bool wake(struct cpu *cpu, uint32_t page)
{
	uint64_t deadline;
	int i;

	if (!lapic_send(cpu->apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL |
				    LAPIC_ICR_ASSERT))
		return false;
	lapic_send(cpu->apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL);
	wait_ns(INIT_WAIT_NS);
	for (i = 0; i < STARTUP_IPIS && !no_startup; i++) {
		lapic_send(cpu->apic_id, LAPIC_ICR_STARTUP | (page >> PAGE_SHIFT));
		if (answered(cpu, clock_ns() + STARTUP_WAIT_NS))
			return true;
	}
	deadline = clock_ns() + SMP_ANSWER_NS;
	return answered(cpu, deadline);
}

static void start_one(uint32_t apic_id, uint32_t page)
{
	struct cpu *cpu = &cpus[cpus_online];

	cpu->index = cpus_online;
	cpu->apic_id = apic_id;
	fill_params(page, cpu->index);
	if (!wake(cpu, page)) {
		/* Held in INIT, it cannot turn up later in a slot reused. */
		lapic_send(apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL | LAPIC_ICR_ASSERT);
		cpu->online = false;
		kprintf("cpu: APIC id %u did not answer within %llu ms; left "
			"out\n", apic_id, SMP_ANSWER_NS / 1000000);
		return;
	}
	kprintf("cpu %u: up, APIC id %u\n", cpu->index, apic_id);
	cpus_online++;
}

void smp_start(const struct acpi_info *acpi, const struct mb2_info *bi,
	       uint32_t lapic_pa, unsigned limit, bool silent)
{
	uint32_t self, page;
	unsigned i, want;

	cpus[0].online = true;
	no_startup = silent;
	if (!acpi->have_madt || acpi->ncpus < 2)
		return;
	want = limit && limit < acpi->ncpus ? limit : acpi->ncpus;
	if (want > MAX_CPUS) {
		kprintf("cpus: only the first %u are used\n", MAX_CPUS);
		want = MAX_CPUS;
	} else if (want < acpi->ncpus) {
		kprintf("cpus: cpus=%u uses %u of the %u\n", limit, want,
			acpi->ncpus);
	}
	if (want < 2)
		return;
	page = boot_page(bi);
	if (!lapic_pa || !page) {
		kprintf("cpus: %s; the boot CPU runs alone\n", !lapic_pa ?
			"no local APIC to start the others with" :
			"no free page below 640 KiB to start the others in");
		return;
	}
	__builtin_memcpy((void *)(uintptr_t)page, ap_boot_start,
			 (size_t)(ap_boot_end - ap_boot_start));
	self = lapic_read(LAPIC_ID) >> LAPIC_ID_SHIFT;
	cpus[0].apic_id = self;
	for (i = 0; i < acpi->ncpus && cpus_online < want; i++)
		if (acpi->apic_ids[i] != self)
			start_one(acpi->apic_ids[i], page);
}
