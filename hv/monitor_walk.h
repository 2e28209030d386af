/*
 * The monitor's "walk": one guest-virtual address through the guest's own
 * tables and through the shadow the CPU uses, level by level, each entry
 * with where it lives, its value and its flags. Guest entries are printed
 * as they are (guest-physical addresses); the shadow's hold host-physical
 * addresses, which differ from boot to boot, and are printed in braces.
 */
#ifndef HV_MONITOR_WALK_H
#define HV_MONITOR_WALK_H

#include <types.h>

struct guest;

void monitor_walk(struct guest *g, uint32_t gva);

#endif
