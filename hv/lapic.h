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

#endif
