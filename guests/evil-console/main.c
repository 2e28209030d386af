/*
 * evil-console breaks the console-write rules: every byte must lie in guest
 * memory and one write is at most HV_CONSOLE_MAX bytes. Its argument picks
 * the write:
 *   addr  16 bytes at 0xC0000000, far outside its memory (where the
 *         hypervisor keeps its module window)
 *   end   64 bytes starting 16 bytes before the end of its memory
 *   max   HV_CONSOLE_MAX + 1 bytes of its own memory
 */
#include <string.h>
#include "hv.h"

static char text[HV_CONSOLE_MAX + 1];

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";

	if (strcmp(how, "addr") == 0) {
		hcall(HV_CALL_CONSOLE_WRITE, 0xC0000000u, 16, 0, 0);
	} else if (strcmp(how, "end") == 0) {
		hcall(HV_CALL_CONSOLE_WRITE, hv_boot->mem_bytes - 16, 64, 0, 0);
	} else if (strcmp(how, "max") == 0) {
		memset(text, 'x', sizeof(text));
		hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)text, sizeof(text), 0, 0);
	} else {
		hv_crash("unknown variant");
	}
	hv_crash("still alive after a bad console write");
}
