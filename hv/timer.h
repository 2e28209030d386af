/*
 * The host timer: the local APIC timer, calibrated against the PIT, or the
 * PIT alone on a CPU without a local APIC.
 */
#ifndef HV_TIMER_H
#define HV_TIMER_H

#include <types.h>

struct timer_state {
	bool lapic;                 /* false: PIT-driven */
	uint64_t lapic_hz;          /* LAPIC timer input clock, after the divider */
	unsigned pit_hz;
	volatile uint64_t ticks;    /* PIT interrupts taken (the LAPIC's: per CPU) */
};

extern struct timer_state host_timer;

/* Calibrates, reports and proves the interrupt arrives. */
void timer_init(bool have_apic);

/* On another CPU, after timer_init: its local APIC timer set up the same. */
void timer_cpu_init(void);

/* One interrupt after about us microseconds. */
void timer_oneshot_us(uint32_t us);
void timer_stop(void);

/* One host timer interrupt at about clock_ns() == deadline_ns. */
void timer_set_deadline(uint64_t deadline_ns);

#endif
