/*
 * The application processors: started one at a time from the MADT's list
 * (INIT, then start-up IPIs, ap_boot.h), each given its own GDT, TSS,
 * stack, local APIC, timer and FPU, reported, and sent to its run loop
 * (run.c), where it waits for the boot CPU to start running guests. A CPU
 * that does not answer within SMP_ANSWER_NS is reported and left out.
 */
#ifndef HV_SMP_H
#define HV_SMP_H

#include <types.h>

struct acpi_info;
struct mb2_info;

#define SMP_ANSWER_NS       (1000ull * 1000 * 1000)

/*
 * After the timer (the waits need the clock): starts the CPUs acpi lists,
 * at most limit in all counting the boot CPU (0: all), with the start-up
 * page chosen from bi's memory map. With silent (a test of the time-out)
 * no start-up IPI is sent, so no CPU answers.
 */
void smp_start(const struct acpi_info *acpi, const struct mb2_info *bi,
	       uint32_t lapic_pa, unsigned limit, bool silent);

/* CPUs up, the boot CPU included. */
extern unsigned cpus_online;

#endif
