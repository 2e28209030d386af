/*
 * Interrupts from one CPU to another, through the local APICs.
 *
 * A kick makes a CPU look at its guests now: it wakes it from a halt, or
 * makes it leave the guest it is running (any host interrupt returns
 * through the switcher), so that a virtual interrupt, a kill or a pause
 * decided elsewhere takes effect at once instead of at the next tick.
 *
 * A shoot-down (mm/tlb.h) makes every other ready CPU forget one
 * translation of the host page table before the frame it pointed to is
 * reused.
 *
 * A stop halts every other CPU for good: a panic's report is then the
 * last thing on the console.
 */
#ifndef HV_IPI_H
#define HV_IPI_H

#include <types.h>

/* Installs the handlers (the IDT is shared: once, on the boot CPU). */
void ipi_init(void);

/* This CPU takes shoot-downs from now on (it runs with the host page table). */
void ipi_cpu_ready(void);

/* Kicks CPU cpu; nothing for the calling CPU itself or one not ready. */
void cpu_kick(unsigned cpu);

/*
 * For a CPU that waits with interrupts off for something another CPU
 * does: answers a shoot-down aimed at it, so that the other is not kept
 * waiting in turn.
 */
void ipi_poll(void);

/* Halts every other CPU (a panic). */
void cpu_stop_others(void);

#endif
