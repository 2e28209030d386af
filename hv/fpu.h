/*
 * Lazy FPU switching. The hypervisor itself never touches the FPU, so the
 * registers belong to one guest at a time; CR0.TS is set whenever another
 * guest runs, and the first FPU instruction (#NM) brings its state back.
 * Each CPU has its own registers and owner; a guest's state is only ever
 * live on its home CPU.
 */
#ifndef HV_FPU_H
#define HV_FPU_H

#include <types.h>

struct guest;

/* On the boot CPU: this CPU's FPU set up, and the clean state recorded. */
void fpu_init(void);

/* On every other CPU, after fpu_init: its FPU set up the same way. */
void fpu_cpu_init(void);

void fpu_guest_init(struct guest *g);

/* Before entering g: CR0.TS set unless g owns the FPU and did not ask for TS. */
void fpu_before_entry(struct guest *g);

/* #NM from g: true when handled here; false to deliver it to the guest. */
bool fpu_trap(struct guest *g);

/*
 * On g's home CPU, before g moves to another: its registers, if this CPU
 * holds them, saved into g, so that the other CPU can load them.
 */
void fpu_leave_cpu(struct guest *g);

/* g is going away: forget it owned the FPU. */
void fpu_guest_gone(struct guest *g);

#endif
