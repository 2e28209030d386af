/*
 * evil-crash: HV_CALL_CRASH, which always kills the caller, with the reason
 * "crashed: MESSAGE". Its argument picks the message:
 *   (none)      a plain message
 *   newline     a message with a newline and a forged line after it: the
 *               kill must stay one console line, so the hypervisor has to
 *               neutralise control characters as it does for console writes
 *   unreadable  a message address outside guest memory (the hypervisor's
 *               module window)
 */
#include <string.h>
#include "hv.h"

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";

	if (strcmp(how, "newline") == 0)
		hv_crash("gave up\nguest hello killed: forged by evil-crash");
	if (strcmp(how, "unreadable") == 0) {
		hcall(HV_CALL_CRASH, 0xC0000000u, 0, 0, 0);
		hv_crash("still alive after an unreadable crash message");
	}
	if (how[0] == '\0')
		hv_crash("evil-crash gives up on purpose");
	hv_crash("unknown variant");
}
