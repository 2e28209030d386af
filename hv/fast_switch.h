/*
 * The fast page-table switch, the hypervisor's half. A context switch in
 * a guest is one NEW_PGTABLE, and between cached address spaces it needs
 * no work of the hypervisor's: the shadow is there, its kernel stack
 * mapped. So before each entry the hypervisor lists those shadows in the
 * CPU's state page, and the switcher (switcher.S, fast_switch) loads one
 * without leaving the guest's address space: a CR3 load, as on bare
 * metal, instead of two and the run loop. At the next exit the space the
 * guest left on becomes the current one.
 *
 * What the guest sees is the same either way: the call's result (0), the
 * order of its calls (a ready ring slot sends the call the slow way), and
 * the kernel address taken with it (a changed one does too). Only the
 * shared page's time_ns stays as the last entry left it.
 */
#ifndef HV_FAST_SWITCH_H
#define HV_FAST_SWITCH_H

#include <switcher/switcher.h>
#include "guest.h"

/* Before g enters on CPU cpu (sc): what the switcher may load alone. */
void fast_switch_prepare(struct guest *g, unsigned cpu, struct switcher_cpu *sc);

/*
 * After g's exit: takes the space it left on as current. The switcher only
 * loads listed shadows, so a CR3 of no cached space is the hypervisor's
 * own bug: the guest is killed rather than run on a table it does not own.
 */
void fast_switch_adopt(struct guest *g, struct switcher_cpu *sc);

#endif
