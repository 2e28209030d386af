/*
 * evil-unknown-call breaks the rule "a call number the hypervisor does not
 * know kills the guest": it makes hypercall 999 (HV_CALL_COUNT is far below).
 */
#include "hv.h"

int main(void)
{
	hcall(999, 0, 0, 0, 0);
	hv_crash("still alive after hypercall 999");
}
