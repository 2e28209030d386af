/*
 * evil-switcher breaks the rule "addresses at or above reserve_top belong
 * to the hypervisor: touching them kills the guest". Its argument picks
 * the access:
 *   write  a write to reserve_top itself (the switcher's code page)
 *   read   a read of reserve_top
 *   regs   a write to reserve_top + 4 KiB (CPU 0's register page, whose
 *          end is the ring-0 stack for traps from the guest)
 * The accesses are in access.S, at fixed addresses, so the eip in the kill
 * line stays put. The reserve starts at 0xffc00000 on a 2-level host and
 * at 0xffe00000 on PAE, so each test runs in one host paging mode only.
 */
#include <stdio.h>
#include <string.h>
#include "hv.h"

uint32_t switcher_read(uint32_t addr);
void switcher_write(uint32_t addr, uint32_t value);

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	uint32_t top = hv_boot->reserve_top;

	if (strcmp(how, "write") == 0) {
		switcher_write(top, 0x0BADC0DE);
		hv_crash("still alive after writing to the switcher's code");
	} else if (strcmp(how, "read") == 0) {
		uint32_t v = switcher_read(top);

		printf("read {0x%08x} at reserve_top {0x%08x}\n",
		       v, top);
		hv_crash("still alive after reading the switcher's code");
	} else if (strcmp(how, "regs") == 0) {
		switcher_write(top + 4096, 0);
		hv_crash("still alive after writing to the switcher's "
			 "register page");
	}
	hv_crash("unknown variant");
}
