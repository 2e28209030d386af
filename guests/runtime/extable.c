/* The exception table: fixups for instructions that may fault. */
#include <stdio.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"

/* guests/runtime/guest.ld puts every .extable entry between these. */
extern const struct extable_entry __extable_start[], __extable_end[];

volatile struct extable_fault extable_last;

uint32_t extable_find(uint32_t eip)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++)
		if (e->fault == eip)
			return e->fixup;
	return 0;
}

bool extable_fixup(struct trap_regs *regs)
{
	uint32_t fixup = extable_find(regs->eip);

	if (!fixup)
		return false;
	extable_last.vector = regs->vector;
	extable_last.error = regs->error;
	extable_last.eip = regs->eip;
	extable_last.cr2 = regs->vector == VEC_PAGE_FAULT ? hv_self()->cr2 : 0;
	extable_last.fixups++;
	regs->eip = fixup;
	return true;
}

void extable_trap(struct trap_regs *regs)
{
	static char msg[80];

	if (extable_fixup(regs))
		return;
	snprintf(msg, sizeof(msg), "trap %u at eip 0x%08x, not in the exception "
		 "table", (unsigned)regs->vector, (unsigned)regs->eip);
	hv_crash(msg);
}

void extable_reset(void)
{
	extable_last.fixups = 0;
	extable_last.vector = 0;
	extable_last.error = 0;
	extable_last.eip = 0;
	extable_last.cr2 = 0;
}
