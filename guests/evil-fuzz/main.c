/*
 * evil-fuzz: hypercalls with random numbers and adversarial arguments
 * (seed=N on the command line), straight and through the async ring. The
 * hypervisor must survive all of it: the guest either keeps going or is
 * killed with a reason, and its neighbours never notice. Calls that end a
 * guest on purpose (crash, shutdown, halt) are left out, so that the
 * hypervisor's checks are what stops it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86/desc.h>
#include "hv.h"

#define CALLS       2000

static uint32_t state;

static uint32_t next(void)
{
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

/* Values that sit on the edges the hypervisor must check. */
static uint32_t argument(void)
{
	uint32_t mem = hv_boot->mem_bytes, top = hv_boot->reserve_top;
	uint32_t edges[] = {
		0, 1, 3, 0x19, 0x21, 0x10, 0x2B, 31, 32, 255, 256, 4096,
		0x100000, mem - 4, mem - 1, mem, mem + 4096, top - 4, top,
		top + 0x1000, 0xFFFFFFFFu, 0x80000000u, (uint32_t)&hv_shared,
		(uint32_t)hv_boot, 0x00CF9A00u, 0x00CFF200u, 0x0000FFFFu,
	};

	switch (next() % 4) {
	case 0:
		return next();
	case 1:
		return next() % 64;
	default:
		return edges[next() % (sizeof(edges) / sizeof(edges[0]))];
	}
}

static uint32_t in_memory(void)
{
	return 0x1000 + next() % (hv_boot->mem_bytes - 0x2000);
}

/* A present ring-1 code or data descriptor with a random base and limit. */
static void descriptor(uint32_t *lo, uint32_t *hi)
{
	uint32_t base = next() & 0x00FFFFFFu;
	uint32_t type = next() % 2 ? SEG_CODE_RX : SEG_DATA_RW;

	*lo = (base << 16) | (next() & 0xFFFF);
	*hi = ((base >> 16) & 0xFF) | (type << DESC_TYPE_SHIFT) | DESC_S |
	      (1u << DESC_DPL_SHIFT) | DESC_P | DESC_DB |
	      (next() % 2 ? DESC_G : 0);
}

/* Arguments that pass the first checks, to reach what lies behind them. */
static void plausible(uint32_t nr, uint32_t *a, uint32_t *b, uint32_t *c,
		      uint32_t *d)
{
	uint32_t handler = 0x100000 + next() % 0x20000;

	*d = 0;
	switch (nr) {
	case HV_CALL_CONSOLE_WRITE:
		*a = in_memory();
		*b = next() % 64;
		break;
	case HV_CALL_LOAD_IDT_ENTRY:
		*a = next() % 256;
		*b = ((uint32_t)HV_SEL_KERNEL_CODE << 16) | (handler & 0xFFFF);
		*c = (handler & 0xFFFF0000u) | DESC_P |
		     ((next() % 4) << DESC_DPL_SHIFT) |
		     ((next() % 2 ? SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE)
		      << DESC_TYPE_SHIFT);
		break;
	case HV_CALL_SET_STACK:
		*a = 0x21;
		*b = in_memory() & ~3u;
		*c = 1 + next() % 4;
		break;
	case HV_CALL_LOAD_GDT_ENTRY:
		*a = 9 + next() % 23;
		descriptor(b, c);
		break;
	case HV_CALL_LOAD_TLS:
	case HV_CALL_LOAD_GDT:
		*a = in_memory();
		*b = next() % 33;
		break;
	case HV_CALL_SET_TIMER:
		*a = next() % 50000000;
		*b = 0;
		break;
	default:
		*a = next() % 2;
		*b = in_memory();
		*c = argument();
		break;
	}
}

static uint32_t call_number(void)
{
	static const uint32_t skip[] = { HV_CALL_REGISTER, HV_CALL_CRASH,
					 HV_CALL_SHUTDOWN, HV_CALL_HALT };
	uint32_t nr;
	unsigned i;

again:
	nr = next() % 64 == 0 ? next() : 2 + next() % (HV_CALL_COUNT - 2);
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (nr == skip[i])
			goto again;
	return nr;
}

int main(int argc, char **argv)
{
	unsigned i;

	state = 0x9E3779B9u;
	for (i = 1; i < (unsigned)argc; i++)
		if (strncmp(argv[i], "seed=", 5) == 0)
			state ^= (uint32_t)strtoul(argv[i] + 5, NULL, 0) * 0x85EBCA6Bu;
	if (!state)
		state = 1;
	printf("fuzzing %u calls\n", CALLS);
	fflush(stdout);
	for (i = 0; i < CALLS; i++) {
		uint32_t nr = call_number();
		uint32_t a = argument(), b = argument(), c = argument(), d = argument();

		if (next() % 2)
			plausible(nr, &a, &b, &c, &d);
		if (next() % 4 == 0)
			hv_async(nr, a, b, c, d);
		else
			hcall(nr, a, b, c, d);
	}
	printf("survived %u calls\n", CALLS);
	return 0;
}
