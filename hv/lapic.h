/* The local APIC of the running CPU. */
#ifndef HV_LAPIC_H
#define HV_LAPIC_H

#include <types.h>

/* The physical base from IA32_APIC_BASE; the page is identity-mapped. */
uint32_t lapic_base(void);
void lapic_enable(uint32_t base);
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t v);
void lapic_eoi(void);

/*
 * Sends an interrupt command (LAPIC_ICR_*, with the vector for a fixed
 * one) to the CPU with that APIC id; false if it was still not sent after
 * a bounded wait. Interrupts must be off: the two writes belong together.
 */
bool lapic_send(uint32_t apic_id, uint32_t command);

#endif
