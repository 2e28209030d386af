/*
 * Simulated physical memory for host tests: SIM_MEM_SIZE bytes standing for
 * physical addresses [0, SIM_MEM_SIZE). It backs phys_direct() (the direct
 * map) and acpi_phys(), so the hypervisor's pure code runs unchanged.
 */
#ifndef TESTS_SIM_PHYS_H
#define TESTS_SIM_PHYS_H

#include <types.h>

#define SIM_MEM_SIZE (64u << 20)

extern uint8_t *sim_mem;

/* Zeroes the simulated memory (allocating it on first use). */
void sim_reset(void);

/* Where physical address pa lives in the simulation. */
void *sim_ptr(uint64_t pa);

/*
 * The lock-order hooks (lib/lock_order.h): one held set, and the last
 * failure with how many there were.
 */
#include <lib/lock_order.h>
extern uint32_t sim_locks_held;
extern unsigned sim_lock_failures;
extern enum lock_rank sim_lock_failed_taking, sim_lock_failed_holding;

#endif
