/*
 * Software interrupts (INT n, INT3, INTO) a guest executes on a vector
 * whose gate in the CPU's IDT the hypervisor keeps at DPL 0: the CPU
 * raises #GP(n * 8 + 2) instead, and the hypervisor does what bare metal
 * would do with the guest's own IDT. That is how it always knows whether
 * the CPU pushed an error code (see docs/abi.md, "Software interrupts").
 * Pure: unit-tested on the host.
 */
#ifndef HV_SOFTINT_H
#define HV_SOFTINT_H

#include <types.h>
#include <x86/desc.h>

#define SOFTINT_MAX_LENGTH  15      /* the longest x86 instruction */

/*
 * Decodes code[0, len) as INT n (CD ib), INT3 (CC) or INTO (CE), after any
 * legacy prefixes. Sets *vector and *length (prefixes included); false if
 * the bytes are not a software interrupt.
 */
bool softint_decode(const uint8_t *code, unsigned len, unsigned *vector,
		    unsigned *length);

/* Whether a #GP error code is the one "int n" raises: IDT, not external. */
bool softint_gp_error(uint32_t error, unsigned *vector);

enum softint_outcome {
	SOFTINT_DELIVER,            /* to the gate's handler, no error code */
	SOFTINT_GP,                 /* #GP(n * 8 + 2): the gate's DPL < CPL */
	SOFTINT_NP,                 /* #NP(n * 8 + 2): the gate is not present */
};

/*
 * What "int n" from privilege level cpl does on bare metal with the
 * guest's gate (SDM vol. 2, INT n): the DPL check comes first, then the
 * present bit.
 */
enum softint_outcome softint_check(struct desc gate, unsigned cpl);

#endif
