/*
 * Time for measuring: the time-stamp counter, which counts from the
 * machine's power-on (natively and under the hypervisor alike), in
 * nanoseconds by the rate the machine's back end gives (pv.h): natively
 * measured against the PIT, under the hypervisor the one it measured.
 */
#ifndef OS_CLOCK_H
#define OS_CLOCK_H

#include <types.h>

/* Takes the counter's rate, once at boot. */
void clock_init(void);

/* Nanoseconds since power-on. */
uint64_t clock_ns(void);

/* The counter's rate, in kHz, as measured. */
uint32_t clock_khz(void);

/* Records the first entry to a user process (the scheduler calls it on
 * every switch); clock_ns() at that entry, or 0 before it. */
void clock_mark_first_process(void);
uint64_t clock_first_process_ns(void);

#endif
