/*
 * Chaos: calls nobody predicts, for the paths the model never reaches.
 * Random call numbers (mostly known ones), and arguments that are random,
 * small, or on the edges the hypervisor checks, pointers into anything
 * (the image, the shared page, past memory, the reserve); half of them
 * made plausible enough to pass the first checks. Straight and through
 * the ring. Whatever the guest's memory then holds decides which check
 * stops it, so the test pins down only that it died, never why. Calls
 * that end a guest on purpose are left out (the end is the hypervisor's
 * doing), as are the timer and HALT, which would bring in time.
 */
#include <x86/desc.h>
#include "fuzz.h"

static uint32_t argument(void)
{
	uint32_t mem = fuzz.mem, top = hv_boot->reserve_top;
	uint32_t edges[] = {
		0, 1, 3, HV_SEL_KERNEL_CODE, HV_SEL_KERNEL_DATA, 0x10,
		HV_SEL_USER_CODE, 31, 32, 255, 256, 4096,
		0x100000, mem - 4, mem - 1, mem, mem + 4096, top - 4, top,
		top + 0x1000, 0xFFFFFFFFu, 0x80000000u, (uint32_t)hv_self(),
		(uint32_t)hv_boot, 0x00CF9A00u, 0x00CFF200u, 0x0000FFFFu,
	};

	switch (below(4)) {
	case 0:
		return rnd();
	case 1:
		return below(64);
	default:
		return edges[below(sizeof(edges) / sizeof(edges[0]))];
	}
}

static uint32_t in_memory(void)
{
	return 0x1000 + below(fuzz.mem - 0x2000);
}

/* An entry the guest may set, but not the kernel's code or data. */
static uint32_t plausible_entry(void)
{
	uint32_t i;

	do
		i = HV_GDT_FIRST_GUEST + below(HV_GDT_ENTRIES - HV_GDT_FIRST_GUEST);
	while (!gdt_settable(i) || i == GDT_KERNEL_CODE || i == GDT_KERNEL_DATA);
	return i;
}

static void plausible(struct call *c)
{
	uint32_t handler = 0x100000 + below(0x20000);
	uint32_t type = chance(50) ? SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE;
	struct desc d;

	c->arg[3] = 0;
	switch (c->nr) {
	case HV_CALL_CONSOLE_WRITE:
		c->arg[0] = in_memory();
		c->arg[1] = below(64);
		break;
	case HV_CALL_LOAD_IDT_ENTRY:
		d = desc_gate(HV_SEL_KERNEL_CODE, handler, type, below(4));
		c->arg[0] = below(256);
		c->arg[1] = d.lo;
		c->arg[2] = d.hi;
		break;
	case HV_CALL_SET_STACK:
		c->arg[0] = HV_SEL_KERNEL_DATA;
		c->arg[1] = in_memory() & ~3u;
		c->arg[2] = 1 + below(4);
		break;
	case HV_CALL_LOAD_GDT_ENTRY:
		random_descriptor(&d);
		c->arg[0] = plausible_entry();
		c->arg[1] = d.lo;
		c->arg[2] = d.hi;
		break;
	case HV_CALL_LOAD_TLS:
	case HV_CALL_LOAD_GDT:
		c->arg[0] = in_memory();
		c->arg[1] = below(33);
		break;
	default:
		c->arg[0] = below(2);
		c->arg[1] = in_memory();
		c->arg[2] = argument();
		break;
	}
}

static uint32_t call_number(void)
{
	uint32_t nr;

	do
		nr = chance(2) ? rnd() : 2 + below(HV_CALL_COUNT - 2);
	while (nr == HV_CALL_REGISTER || nr == HV_CALL_CRASH ||
	       nr == HV_CALL_SHUTDOWN || nr == HV_CALL_HALT ||
	       nr == HV_CALL_SET_TIMER);
	return nr;
}

void chaos(unsigned calls)
{
	struct call c = { 0, { 0, 0, 0, 0 }, 0, 0 };
	unsigned i;

	ring_clear();
	for (i = 0; i < calls; i++) {
		c.nr = call_number();
		c.arg[0] = argument();
		c.arg[1] = argument();
		c.arg[2] = argument();
		c.arg[3] = argument();
		if (chance(50))
			plausible(&c);
		if (chance(25))
			ring_queue(&c);
		else
			hcall(c.nr, c.arg[0], c.arg[1], c.arg[2], c.arg[3]);
	}
	hv_crash("chaos survived");
}
