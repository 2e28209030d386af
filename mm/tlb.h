/*
 * Stale translations on other CPUs. Every CPU runs on the one host page
 * table, so a mapping taken away there may still sit in another CPU's TLB
 * until that CPU flushes it; before its frame is reused, it must.
 * (The implementation is the hypervisor's: hv/ipi.c.)
 */
#ifndef MM_TLB_H
#define MM_TLB_H

#include <types.h>

/*
 * Flushes va here and on every other CPU that runs guests, and returns
 * once all have. Called with interrupts off and no lock held
 * (lib/lock_order.h): it waits for the others, and answers their
 * shoot-downs while it waits.
 */
void tlb_shootdown(uint32_t va);

#endif
