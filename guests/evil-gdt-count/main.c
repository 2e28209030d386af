/*
 * evil-gdt-count breaks the rule "HV_CALL_LOAD_GDT takes at most
 * HV_GDT_ENTRIES descriptors": it passes a table of HV_GDT_ENTRIES + 1.
 * Every descriptor is harmless (the hypervisor's defaults for the kernel's
 * and the users' entries, flat ring-1 data in the others), so that only
 * the count is wrong.
 */
#include <x86/desc.h>
#include "hv.h"

static struct desc table[HV_GDT_ENTRIES + 1];

int main(void)
{
	unsigned i;

	for (i = HV_GDT_FIRST_GUEST; i < HV_GDT_ENTRIES + 1; i++)
		table[i] = desc_flat(SEG_DATA_RW, 1);
	table[HV_GDT_KERNEL_CODE] = desc_flat(SEG_CODE_RX, 1);
	table[HV_GDT_KERNEL_DATA] = desc_flat(SEG_DATA_RW, 1);
	table[HV_GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	table[HV_GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	hcall(HV_CALL_LOAD_GDT, (uint32_t)table, HV_GDT_ENTRIES + 1, 0, 0);
	hv_crash("still alive after loading a GDT of 33 entries");
}
