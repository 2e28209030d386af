/* The synchronous hypercalls, also run for each slot of the async ring. */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <types.h>

struct guest;

struct hcall {
	uint32_t nr;
	uint32_t arg[4];            /* edx, ebx, ecx, esi */
};

/* Runs one call and returns its result; may kill or stop the guest. */
uint32_t hypercall_run(struct guest *g, const struct hcall *h);

/* The trap vector was the hypercall's: run the call in the registers. */
void hypercall_from_trap(struct guest *g);

/* Runs the async ring's ready slots. */
void hypercall_async_ring(struct guest *g);

#endif
