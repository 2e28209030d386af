/*
 * idle: sleeps on its timer, a second at a time, for ever, and says
 * nothing and never reads its console input: a guest for the monitor to
 * look at, pause and kill, and one whose input can only pile up.
 *
 * With "tables" it first moves to page tables of its own (in the format
 * of pt=): its memory one to one, and WINDOW mapped to a page of its
 * data, read once so that the shadow has it too: an address for the
 * monitor's walk.
 */
#include <string.h>
#include "hv.h"
#include "paging.h"

#define SECOND_NS   1000000000ull
#define WINDOW      0x40000000u

static void tick(struct trap_regs *regs)
{
	(void)regs;
}

static void own_tables(void)
{
	uint32_t root = pt_new_root(), page = pt_alloc_page();

	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
	pt_set(root, WINDOW, page | PTE_P | PTE_W, 0);
	pt_switch(root);
	(void)*(volatile uint32_t *)WINDOW;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "tables"))
			own_tables();
	trap_install(HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER, tick, 0, 0);
	for (;;) {
		hcall(HV_CALL_SET_TIMER, (uint32_t)SECOND_NS,
		      (uint32_t)(SECOND_NS >> 32), 0, 0);
		hv_halt_irq();
		irq_disable();
	}
}
