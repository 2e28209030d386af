#include <x86/cr.h>
#include <x86/io.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include <lib/segments.h>
#include <mm/mm.h>
#include <mm/paging.h>
#include <mm/phys.h>
#include "switcher.h"

_Static_assert(SWITCHER_CODE_PAGES + MAX_CPUS * SWITCHER_PAGES_PER_CPU <= 512,
	       "the switcher must fit in a PAE directory slot");
_Static_assert(sizeof(struct switcher_state) <= PAGE_SIZE,
	       "a CPU's state must fit in its state page");

extern char switcher_start[], switcher_end[], switcher_enter[];

uint32_t switcher_base;
static struct switcher_cpu cpu_pages[MAX_CPUS];

struct switcher_cpu *switcher_cpu(unsigned cpu)
{
	return &cpu_pages[cpu];
}

void switcher_forget(unsigned cpu, const void *owner)
{
	__atomic_compare_exchange_n(&cpu_pages[cpu].loaded_for, &owner, NULL,
				    false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

uint32_t switcher_stub(unsigned vector)
{
	return switcher_base + vector * SWITCHER_STUB_SIZE;
}

static uint32_t regs_va(unsigned cpu)
{
	return switcher_base + PAGE_SIZE * (SWITCHER_CODE_PAGES +
					    SWITCHER_PAGES_PER_CPU * cpu);
}

static hpa_t alloc_page(void)
{
	hpa_t pa = frame_alloc(&hv_frames, FRAME_DIRECT);

	if (pa == FRAME_NONE)
		panic("switcher: out of memory");
	__builtin_memset(phys_direct(pa), 0, PAGE_SIZE);
	return pa;
}

/* Descriptors the CPU might mark accessed must already be: the guest's
 * copy of the GDT is read-only. */
static struct desc accessed(struct desc d)
{
	d.hi |= SEG_TYPE_ACCESSED << DESC_TYPE_SHIFT;
	return d;
}

void switcher_fixed_gdt(unsigned cpu, struct desc *gdt)
{
	uint32_t tss = regs_va(cpu) + PAGE_SIZE +
		       offsetof(struct switcher_state, guest_tss);

	gdt[GDT_NULL] = (struct desc){ 0, 0 };
	gdt[GDT_HV_CODE] = accessed(desc_flat(SEG_CODE_RX, 0));
	gdt[GDT_HV_DATA] = accessed(desc_flat(SEG_DATA_RW, 0));
	gdt[GDT_TSS] = desc_system(tss, sizeof(struct tss32) - 1,
				   SYS_TYPE_TSS32_AVAIL, 0);
	gdt[GDT_DF_TSS] = (struct desc){ 0, 0 };
}

static void default_guest_gdt(struct desc *gdt)
{
	gdt[GDT_GUEST_CODE] = accessed(desc_flat(SEG_CODE_RX, 1));
	gdt[GDT_GUEST_DATA] = accessed(desc_flat(SEG_DATA_RW, 1));
	gdt[GDT_USER_CODE] = accessed(desc_flat(SEG_CODE_RX, 3));
	gdt[GDT_USER_DATA] = accessed(desc_flat(SEG_DATA_RW, 3));
}

static void init_state(unsigned cpu, struct switcher_cpu *sc)
{
	struct switcher_state *st = sc->state;
	uint32_t state_va = sc->regs_va + PAGE_SIZE;
	struct cpu *c = &cpus[cpu];

	st->guest_idt_desc.limit = sizeof(st->guest_idt) - 1;
	st->guest_idt_desc.base = state_va + offsetof(struct switcher_state, guest_idt);
	st->guest_gdt_desc.limit = sizeof(st->guest_gdt) - 1;
	st->guest_gdt_desc.base = state_va + offsetof(struct switcher_state, guest_gdt);
	__asm__ volatile("sidt %0" : "=m"(st->host_idt_desc));
	st->host_gdt_desc.limit = sizeof(c->gdt) - 1;
	st->host_gdt_desc.base = (uint32_t)c->gdt;
	st->host_cr3 = (uint32_t)host_pt.root;
	st->guest_tss.ss0 = SEL_HV_DATA;
	st->guest_tss.esp0 = sc->regs_va + PAGE_SIZE;
	st->guest_tss.iomap_base = sizeof(st->guest_tss);   /* no I/O ports */
	switcher_fixed_gdt(cpu, st->guest_gdt);
	default_guest_gdt(st->guest_gdt);
}

/* Entry idx of the table for guest shadows on sc's CPU. */
static void set_guest_pte(struct switcher_cpu *sc, unsigned idx, uint64_t e)
{
	if (host_pt.mode == PAGING_PAE)
		((uint64_t *)phys_direct(sc->guest_pt))[idx] = e;
	else
		((uint32_t *)phys_direct(sc->guest_pt))[idx] = (uint32_t)e;
}

static unsigned regs_index(const struct switcher_cpu *sc)
{
	return (sc->regs_va - switcher_base) >> PAGE_SHIFT;
}

/* The table for the top slot of a guest shadow running on this CPU. */
static void build_guest_pt(struct switcher_cpu *sc, hpa_t code, hpa_t regs,
			   hpa_t state)
{
	unsigned idx = regs_index(sc);

	sc->guest_pt = alloc_page();
	set_guest_pte(sc, 0, hostpt_make_pte(&host_pt, code, HPT_EXEC));
	set_guest_pte(sc, idx, hostpt_make_pte(&host_pt, regs, HPT_WRITE));
	set_guest_pte(sc, idx + 1, hostpt_make_pte(&host_pt, state, 0));
}

/* Guests only run after the CR3 load that ends the host's turn, and no
 * switcher mapping is global: no stale translation survives into one. */
void switcher_map_shared(struct switcher_cpu *sc, hpa_t shared)
{
	if (sc->shared_mapped == shared)
		return;
	set_guest_pte(sc, regs_index(sc) + 2,
		      shared ? hostpt_make_pte(&host_pt, shared, 0) : 0);
	sc->shared_mapped = shared;
}

void switcher_init(void)
{
	hpa_t code = (uint32_t)switcher_start;
	unsigned cpu;

	if (switcher_end - switcher_start > (int)PAGE_SIZE)
		panic("switcher: code is %d bytes, more than a page",
		      (int)(switcher_end - switcher_start));
	switcher_base = paging_switcher_base(host_pt.mode);
	if (!hostpt_map(&host_pt, switcher_base, code, HPT_EXEC))
		panic("switcher: cannot map the code page");
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct switcher_cpu *sc = &cpu_pages[cpu];
		hpa_t regs = alloc_page(), state = alloc_page();

		sc->regs_va = regs_va(cpu);
		/* The frame ends the page: the end is the ring-0 stack. */
		sc->regs = (struct trap_frame *)((uint8_t *)phys_direct(regs) +
						 PAGE_SIZE) - 1;
		sc->state = phys_direct(state);
		sc->head = phys_direct(regs);
		if (!hostpt_map(&host_pt, sc->regs_va, regs, HPT_WRITE) ||
		    !hostpt_map(&host_pt, sc->regs_va + PAGE_SIZE, state, HPT_WRITE))
			panic("switcher: cannot map CPU %u's pages", cpu);
		init_state(cpu, sc);
		build_guest_pt(sc, code, regs, state);
	}
}

void switcher_run(struct switcher_cpu *sc, uint32_t cr3)
{
	uint32_t enter = switcher_base + (uint32_t)(switcher_enter - switcher_start);
	uint32_t a = sc->regs_va, d = cr3;

	__asm__ volatile("call *%2"
			 : "+a"(a), "+d"(d)
			 : "r"(enter)
			 : "ecx", "memory", "cc");
}
