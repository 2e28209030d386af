/*
 * evil-stack breaks the HV_CALL_SET_STACK rules: the kernel stack segment
 * must be a writable ring-1 data segment and the stack 1 to 16 pages. Its
 * argument picks the call:
 *   ring0  segment 0x10, the hypervisor's own ring-0 data segment
 *   null   segment 0x01, the null selector with RPL 1
 *   pages  the guest's own ring-1 data segment, but 17 pages
 */
#include <string.h>
#include "hv.h"

#define SEL_HV_DATA     0x10u
#define SEL_NULL_RPL1   0x01u

static char stack[2 * 4096] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	uint32_t top = (uint32_t)stack + sizeof(stack);

	if (strcmp(how, "ring0") == 0)
		hcall(HV_CALL_SET_STACK, SEL_HV_DATA, top, 1, 0);
	else if (strcmp(how, "null") == 0)
		hcall(HV_CALL_SET_STACK, SEL_NULL_RPL1, top, 1, 0);
	else if (strcmp(how, "pages") == 0)
		hcall(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA, top, 17, 0);
	else
		hv_crash("unknown variant");
	hv_crash("still alive after setting a bad kernel stack");
}
