/* What the CPU can do, from CPUID. */
#ifndef HV_CPU_H
#define HV_CPU_H

#include <types.h>

struct cpu_features {
	bool cpuid;                 /* the instruction itself exists */
	char vendor[13];
	char brand[49];             /* empty when the CPU has no brand string */
	unsigned family, model, stepping;
	bool pae, nx, pge, apic, pse, msr, tsc, fxsr;
	bool de, sep;               /* debug extensions, sysenter */
	bool efer;                  /* the EFER MSR exists (NX, syscall or LM) */
};

extern struct cpu_features cpu_features;

void cpu_detect(struct cpu_features *f);

/*
 * Puts what a guest could observe or use of the CPU's own state into a
 * known state, whatever the firmware and the boot loader left: CR4 clear
 * (the hypervisor sets the bits it needs later), EFER clear (NXE comes
 * with paging), the sysenter MSRs zero, the debug registers off.
 */
void cpu_state_reset(const struct cpu_features *f);

#endif
