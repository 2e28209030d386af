/*
 * evil-gdt breaks the GDT rules with HV_CALL_LOAD_GDT_ENTRY, one way per
 * run, chosen by its argument:
 *   system        a present system descriptor (a 32-bit TSS) in entry 9
 *   not-present   a code segment without the present bit in entry 9
 *   reserved      a 64-bit code segment (the L bit, reserved here) in entry 9
 *   hv-code       a harmless flat ring-1 data segment in entry 1,
 *   hv-data       ... in entry 2 (both the hypervisor's own),
 *   tss           ... in entry 16 (the TSS),
 *   double-fault  ... in entry 31 (the double-fault task),
 *   out-of-range  ... in entry 32, past the end of the 32-entry GDT
 * Each must kill it with a reason naming the problem. And one the
 * hypervisor accepts but the CPU refuses later:
 *   shrink-cs     its own code segment (entry 12, in CS) cut to 1 MiB, below
 *                 the code it runs: returning into it makes the switcher's
 *                 iret fault in ring 0 on a CPU that checks segment limits
 *                 (Bochs, hardware); QEMU's TCG does not check them
 */
#include <string.h>
#include "hv.h"

#define FLAT_LO         0x0000FFFFu     /* base 0, limit 0xFFFFF pages */
#define FLAT_DATA_HI    0x00CFB200u     /* 4 GiB, present, DPL 1, data RW */
#define NOT_PRESENT_HI  0x00CF3A00u     /* DPL 1 code RX, P clear */
#define CODE64_HI       0x00AFBA00u     /* present, DPL 1 code RX, L set */
#define TSS_LO          0x00000067u     /* base 0x00200000, limit 0x67 */
#define TSS_HI          0x00008920u     /* present, DPL 0, 32-bit TSS */

static const struct {
	const char *name;
	uint32_t index, lo, hi;
} cases[] = {
	{ "system", 9, TSS_LO, TSS_HI },
	{ "not-present", 9, FLAT_LO, NOT_PRESENT_HI },
	{ "reserved", 9, FLAT_LO, CODE64_HI },
	{ "hv-code", 1, FLAT_LO, FLAT_DATA_HI },
	{ "hv-data", 2, FLAT_LO, FLAT_DATA_HI },
	{ "tss", HV_GDT_TSS, FLAT_LO, FLAT_DATA_HI },
	{ "double-fault", HV_GDT_DF_TSS, FLAT_LO, FLAT_DATA_HI },
	{ "out-of-range", HV_GDT_ENTRIES, FLAT_LO, FLAT_DATA_HI },
};

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(how, cases[i].name) != 0)
			continue;
		hcall(HV_CALL_LOAD_GDT_ENTRY, cases[i].index, cases[i].lo,
		      cases[i].hi, 0);
		hv_crash("still alive after setting a bad GDT entry");
	}
	if (strcmp(how, "shrink-cs") == 0) {
		hcall(HV_CALL_LOAD_GDT_ENTRY, HV_GDT_KERNEL_CODE, 0x000000FFu,
		      0x00C0BA00u, 0);
		hv_crash("still running past its code segment's limit");
	}
	hv_crash("unknown variant");
}
