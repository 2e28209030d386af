/*
 * The trace ring: the last TRACE_EVENTS things the hypervisor did on one
 * CPU, overwritten oldest first, cheap enough to record on every exit.
 * The monitor shows it ("trace"), and a panic prints it before the machine
 * stops. Pure: testable on the host.
 */
#ifndef HV_TRACE_RING_H
#define HV_TRACE_RING_H

#include <types.h>

#define TRACE_EVENTS    256u            /* a power of two */
#define TRACE_NO_GUEST  0xFFu

enum trace_kind {
	TRACE_EXIT,                     /* a: vector, b: eip */
	TRACE_HYPERCALL,                /* a: call number, b: result */
	TRACE_FAULT_FIXED,              /* a: address, b: error code */
	TRACE_FAULT_REFLECTED,          /* a: address, b: error code given */
	TRACE_KILL,                     /* the guest was killed */
	TRACE_KINDS
};

struct trace_event {
	uint64_t time_ns;
	uint8_t kind;                   /* enum trace_kind */
	uint8_t guest;                  /* its id, or TRACE_NO_GUEST */
	uint32_t a, b;
};

struct trace_ring {
	uint32_t recorded;              /* events ever put */
	struct trace_event ev[TRACE_EVENTS];
};

void trace_ring_put(struct trace_ring *r, const struct trace_event *e);

/* How many events it holds (at most TRACE_EVENTS). */
uint32_t trace_ring_count(const struct trace_ring *r);

/* The i-th oldest event it holds, i below trace_ring_count(). */
const struct trace_event *trace_ring_at(const struct trace_ring *r, uint32_t i);

/* One event as text, without the guest's name: "exit 14 eip 0x00101234". */
void trace_format(const struct trace_event *e, char *buf, size_t size);

#endif
