/*
 * Monotonic time in nanoseconds since boot: from the TSC, calibrated
 * against the PIT, or from the PIT's millisecond ticks on CPUs without one.
 */
#ifndef HV_CLOCK_H
#define HV_CLOCK_H

#include <types.h>

void clock_use_tsc(uint64_t tsc_hz);
uint64_t clock_ns(void);

/* The TSC's rate as calibrated, in kHz; 0 without one. */
uint32_t clock_tsc_khz(void);

#endif
