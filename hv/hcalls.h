/*
 * The hypercalls, one function each: what hypercall.c's table dispatches
 * to. Arguments are the guest's EDX, EBX, ECX, ESI; the result goes to EAX.
 */
#ifndef HV_HCALLS_H
#define HV_HCALLS_H

#include <types.h>

struct guest;

/* Page tables and the kernel stack (hc_paging.c). */
uint32_t hc_new_pgtable(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pte(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pgd(struct guest *g, const uint32_t *arg);
uint32_t hc_set_pmd(struct guest *g, const uint32_t *arg);
uint32_t hc_flush_tlb(struct guest *g, const uint32_t *arg);
uint32_t hc_set_stack(struct guest *g, const uint32_t *arg);

/* Descriptor tables (hc_descriptors.c). */
uint32_t hc_load_idt_entry(struct guest *g, const uint32_t *arg);
uint32_t hc_load_gdt(struct guest *g, const uint32_t *arg);
uint32_t hc_load_gdt_entry(struct guest *g, const uint32_t *arg);
uint32_t hc_load_tls(struct guest *g, const uint32_t *arg);

#endif
