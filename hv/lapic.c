#include <x86/apic.h>
#include <x86/io.h>
#include <x86/msr.h>
#include "lapic.h"
#include "vectors.h"

static volatile uint8_t *lapic;

uint32_t lapic_base(void)
{
	return (uint32_t)rdmsr(MSR_APIC_BASE) & MSR_APIC_BASE_ADDR_MASK;
}

uint32_t lapic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(lapic + reg);
}

void lapic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(lapic + reg) = v;
}

void lapic_enable(uint32_t base)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | MSR_APIC_BASE_ENABLE);
	lapic = (volatile uint8_t *)(uintptr_t)base;
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | VEC_LAPIC_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LAPIC_LVT_MASKED);
	/* Virtual wire: the 8259A's interrupts (the UART's) still come in. */
	lapic_write(LAPIC_LVT_LINT0, LAPIC_DELIVERY_EXTINT);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

#define SEND_SPINS      100000u

bool lapic_send(uint32_t apic_id, uint32_t command)
{
	unsigned i;

	lapic_write(LAPIC_ICR_HIGH, apic_id << LAPIC_ICR_DEST_SHIFT);
	lapic_write(LAPIC_ICR_LOW, command);
	for (i = 0; i < SEND_SPINS; i++) {
		if (!(lapic_read(LAPIC_ICR_LOW) & LAPIC_ICR_PENDING))
			return true;
		cpu_relax();
	}
	return false;
}
