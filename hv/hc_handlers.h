/*
 * The hypercall handlers, one function per call, grouped by subject in
 * hc_*.c files; hypercall.c's table is the only caller. Arguments are the
 * guest's EDX, EBX, ECX, ESI (arg[0..3]); the result goes to its EAX. A
 * handler may kill the guest (guest.h: it is only marked, so the handler
 * may go on safely) and then returns 0.
 */
#ifndef HV_HC_HANDLERS_H
#define HV_HC_HANDLERS_H

#include <types.h>

struct guest;

/* The guest itself: its life, time, console, FPU flag (hc_lifecycle.c). */
uint32_t hc_register(struct guest *g, const uint32_t *arg);
uint32_t hc_flush_async(struct guest *g, const uint32_t *arg);
uint32_t hc_crash(struct guest *g, const uint32_t *arg);
uint32_t hc_shutdown(struct guest *g, const uint32_t *arg);
uint32_t hc_ts(struct guest *g, const uint32_t *arg);
uint32_t hc_set_timer(struct guest *g, const uint32_t *arg);
uint32_t hc_halt(struct guest *g, const uint32_t *arg);
uint32_t hc_console_write(struct guest *g, const uint32_t *arg);
uint32_t hc_console_read(struct guest *g, const uint32_t *arg);
uint32_t hc_where(struct guest *g, const uint32_t *arg);
uint32_t hc_wall_clock(struct guest *g, const uint32_t *arg);

/* Its virtual CPUs (hc_vcpu.c). */
uint32_t hc_start_vcpu(struct guest *g, const uint32_t *arg);
uint32_t hc_send_ipi(struct guest *g, const uint32_t *arg);

/* Page tables (hc_paging.c). */
uint32_t hc_new_pgtable(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pte(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pgd(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pmd(struct guest *g, const uint32_t *arg);
uint32_t hc_flush_tlb(struct guest *g, const uint32_t *arg);

/* Descriptor tables and the kernel stack (hc_descriptors.c). */
uint32_t hc_load_idt_entry(struct guest *g, const uint32_t *arg);
uint32_t hc_load_gdt(struct guest *g, const uint32_t *arg);
uint32_t hc_load_gdt_entry(struct guest *g, const uint32_t *arg);
uint32_t hc_load_tls(struct guest *g, const uint32_t *arg);
uint32_t hc_set_stack(struct guest *g, const uint32_t *arg);

/*
 * Whether gpa can be a shared page of g: page-aligned, inside its memory;
 * kills g saying why not (hc_lifecycle.c).
 */
bool shared_page_usable(struct guest *g, gpa_t gpa);

/* Maps a usable gpa as g's shared page and fills in the hypervisor's
 * fields (REGISTER, and a started vCPU). */
void shared_page_attach(struct guest *g, gpa_t gpa);

/*
 * Maps every page of the kernel stack (SET_STACK) in the current shadow
 * now, so that no trap from ring 3 faults on it; kills the guest and
 * returns false when a page cannot be mapped (hc_paging.c). SET_STACK
 * pins at once, so that a bad stack kills at that call; calls that may
 * only move or unmap it (page tables, the GDT) ask for it
 * (kstack_pin_later), and guest_enter pins once before the guest runs
 * again, however many of them came.
 */
bool kstack_pin(struct guest *g);

static inline void kstack_pin_later(struct guest *g)
{
	g->kstack_unpinned = true;
}

/*
 * The kernel stack's top byte as a linear address, where the CPU pushes
 * first: through its segment's base, and only SP on a 16-bit segment.
 * False when the segment is no usable stack (hc_paging.c).
 */
bool kstack_top(const struct guest *g, uint32_t *top);

#endif
