/*
 * evil-shared-page breaks the HV_CALL_REGISTER rules: the shared page must
 * be a page-aligned guest-physical address inside guest memory. From its
 * own entry point, before anything registers, its argument picks the call:
 *   (none)     the page just past the end of its memory (mem_bytes)
 *   unaligned  0x200800: inside its memory, but not page-aligned
 *
 * It needs an entry point of its own (entry.S), which takes effect only
 * when the runtime's _start is weak; until then the runtime starts it,
 * registers, calls main() and main() crashes saying so.
 */
#include <string.h>
#include "hv.h"

void early_main(const struct hv_boot_info *boot);

static char shared_page[4096] __attribute__((aligned(4096)));

static void crash(const char *msg)
{
	for (;;)
		hcall(HV_CALL_CRASH, (uint32_t)msg, 0, 0, 0);
}

void early_main(const struct hv_boot_info *boot)
{
	uint32_t gpa = boot->mem_bytes;

	if (strcmp(boot->cmdline, "unaligned") == 0)
		gpa = 0x200800;
	hcall(HV_CALL_REGISTER, gpa, HV_PT_2LEVEL, 0, 0);
	/* Not killed: the page may be unusable, so register a good one to
	 * be able to say so (a second REGISTER kills it too, differently). */
	hcall(HV_CALL_REGISTER, (uint32_t)shared_page, HV_PT_2LEVEL, 0, 0);
	crash("still alive after registering a bad shared page");
}

int main(void)
{
	crash("started by the runtime's _start, which registers first: "
	      "the test needs its own entry (see entry.S)");
	return 0;
}
