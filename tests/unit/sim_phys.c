#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hv/acpi.h>
#include <mm/phys.h>
#include <lib/lock_order.h>
#include "sim_phys.h"

uint8_t *sim_mem;

void sim_reset(void)
{
	if (!sim_mem)
		sim_mem = malloc(SIM_MEM_SIZE);
	if (!sim_mem) {
		perror("sim_reset");
		exit(2);
	}
	memset(sim_mem, 0, SIM_MEM_SIZE);
}

void *sim_ptr(uint64_t pa)
{
	if (!sim_mem)
		sim_reset();
	if (pa >= SIM_MEM_SIZE) {
		fprintf(stderr, "sim: physical address 0x%llx is outside the "
			"simulated memory\n", (unsigned long long)pa);
		abort();
	}
	return sim_mem + pa;
}

void *phys_direct(hpa_t pa)
{
	return sim_ptr(pa);
}

const void *acpi_phys(uint64_t pa, uint32_t len)
{
	if (pa == 0 || pa >= SIM_MEM_SIZE || len > SIM_MEM_SIZE - pa)
		return NULL;
	return sim_ptr(pa);
}

void *kmap(hpa_t pa)
{
	return sim_ptr(pa);
}

void kunmap(void *va)
{
	(void)va;
}

/* The host tests run on one thread: one set of held locks, like one CPU. */
uint32_t sim_locks_held;
unsigned sim_lock_failures;
enum lock_rank sim_lock_failed_taking, sim_lock_failed_holding;

uint32_t *lock_order_held(void)
{
	return &sim_locks_held;
}

void lock_order_failed(enum lock_rank taking, enum lock_rank holding)
{
	sim_lock_failures++;
	sim_lock_failed_taking = taking;
	sim_lock_failed_holding = holding;
}
