/*
 * Balancing: a CPU with guests waiting for it hands one to a CPU that has
 * nothing to run. Only the guest's home CPU may move it, between two of
 * its slices, since only that CPU touches the guest (guest.h) and only it
 * can save the FPU registers it holds for the guest. The guest then runs
 * on the new CPU through that CPU's switcher pages: the shadow's top slot
 * is pointed at them on its first entry there (shadow_use_cpu()), and the
 * old CPU's state page forgets it held the guest's tables, so only the
 * CPU it runs on is ever mapped in its shadow. A pinned guest ("cpu=K")
 * never moves.
 */
#ifndef HV_BALANCE_H
#define HV_BALANCE_H

/*
 * On a CPU between slices: if two or more of its guests are ready to run
 * and some CPU has none, moves one that is not pinned there and kicks it.
 */
void balance_from_here(void);

/* Moves made so far, by every CPU. */
extern unsigned balance_moves;

#endif
