/*
 * evil-gdt-count breaks the rule "HV_CALL_LOAD_GDT takes at most
 * HV_GDT_ENTRIES descriptors": it passes a table of HV_GDT_ENTRIES + 1.
 * Every descriptor is harmless (the hypervisor's defaults for 3-6, flat
 * ring-1 data after them), so that only the count is wrong.
 */
#include "hv.h"

#define FLAT_LO         0x0000FFFFu     /* base 0, limit 0xFFFFF pages */
#define KERNEL_CODE_HI  0x00CFBA00u     /* present, DPL 1, code RX */
#define KERNEL_DATA_HI  0x00CFB200u     /* present, DPL 1, data RW */
#define USER_CODE_HI    0x00CFFA00u     /* present, DPL 3, code RX */
#define USER_DATA_HI    0x00CFF200u     /* present, DPL 3, data RW */

static uint32_t table[HV_GDT_ENTRIES + 1][2];

int main(void)
{
	static const uint32_t first[] = { KERNEL_CODE_HI, KERNEL_DATA_HI,
					  USER_CODE_HI, USER_DATA_HI };
	unsigned i;

	for (i = HV_GDT_FIRST_GUEST; i < HV_GDT_ENTRIES + 1; i++) {
		unsigned k = i - HV_GDT_FIRST_GUEST;

		table[i][0] = FLAT_LO;
		table[i][1] = k < 4 ? first[k] : KERNEL_DATA_HI;
	}
	hcall(HV_CALL_LOAD_GDT, (uint32_t)table, HV_GDT_ENTRIES + 1, 0, 0);
	hv_crash("still alive after loading a GDT of 33 entries");
}
