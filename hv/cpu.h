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
};

extern struct cpu_features cpu_features;

void cpu_detect(struct cpu_features *f);

#endif
