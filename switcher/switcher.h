/*
 * The switcher's pages and the world switch (see layout.h for the layout).
 * Each CPU has a register page and a state page; a guest's address space
 * maps only those of the CPU it runs on.
 */
#ifndef SWITCHER_SWITCHER_H
#define SWITCHER_SWITCHER_H

#include <types.h>
#include <x86/desc.h>
#include <guests/abi.h>
#include <trap_frame.h>
#include "layout.h"

struct switcher_state {
	struct desc guest_idt[256];
	struct desc guest_gdt[HV_GDT_ENTRIES];
	struct tss32 guest_tss;
	uint16_t pad0;
	struct desc_ptr guest_idt_desc;
	uint16_t pad1;
	struct desc_ptr guest_gdt_desc;
	uint16_t pad2;
	struct desc_ptr host_idt_desc;
	uint16_t pad3;
	struct desc_ptr host_gdt_desc;
	uint32_t host_cr3;
	uint32_t host_sp;
	/*
	 * 0 after a trap from the guest. Otherwise the switcher itself
	 * faulted while entering the guest (loading a segment register or
	 * at its iret, in ring 0): the address of the frame that fault left,
	 * lower on the register page than a trap from the guest puts it.
	 */
	uint32_t host_fault_frame;
	uint32_t exit_cr3;              /* the shadow the guest left on */

	/*
	 * The fast switch (switcher.S): the guest's NEW_PGTABLE naming one of
	 * these tables loads its shadow without leaving the guest's address
	 * space, provided the guest's async ring holds no call (they come
	 * first) and the kernel address in its shared page is the one the
	 * hypervisor took. Written before every entry.
	 */
	uint32_t fast_count;
	uint32_t fast_ring_slot;        /* the ring slot the hypervisor runs next */
	uint32_t fast_kernel_address;
	struct fast_space { uint32_t root, cr3; } fast[SWITCHER_FAST_SPACES];
};

/*
 * The start of the register page (the ring-0 stack grows down from its
 * end, far from here): the switcher counts its fast switches there. The
 * guest could write it too; it is statistics only.
 */
struct switcher_regs_head {
	uint32_t fast_switches;
};

struct switcher_cpu {
	struct trap_frame *regs;        /* the frame in the register page */
	struct switcher_state *state;
	uint32_t regs_va;               /* the register page's switcher address */
	hpa_t guest_pt;                 /* top-slot table for guest shadows */
	const void *loaded_for;         /* whose descriptors the state page holds */
	struct switcher_regs_head *head;
	hpa_t shared_mapped;            /* in the shared-page slot; 0: none */
	/* The shadow state the fast table was made from (hv/fast_switch.c). */
	uint32_t fast_id;
	uint64_t fast_epoch;
};

extern uint32_t switcher_base;

/* Sets up every CPU's pages and maps them in the host's page table. */
void switcher_init(void);

struct switcher_cpu *switcher_cpu(unsigned cpu);

/*
 * CPU cpu's state page no longer counts as holding owner's tables (owner
 * moved away or ended), so the next guest it holds them for gets them
 * whole. Safe from any CPU: it only clears the mark if it is owner's.
 */
void switcher_forget(unsigned cpu, const void *owner);

/* The switcher address of the trap stub for vector. */
uint32_t switcher_stub(unsigned vector);

/* The guest GDT entries the hypervisor owns: null, its own code and data,
 * the TSS, and the double-fault TSS (empty in the guest's view). */
void switcher_fixed_gdt(unsigned cpu, struct desc *gdt);

/*
 * Puts the guest-physical page at shared (the running guest's shared
 * page; 0: none) in CPU cpu's shared-page slot, seen by guests only.
 */
void switcher_map_shared(struct switcher_cpu *sc, hpa_t shared);

/* Runs the guest in sc->regs on shadow table cr3 until it traps. */
void switcher_run(struct switcher_cpu *sc, uint32_t cr3);

#endif
