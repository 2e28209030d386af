/*
 * evil-console breaks the console-write rules: every byte must lie in guest
 * memory and one write is at most HV_CONSOLE_MAX bytes. Its argument picks
 * the write:
 *   addr  16 bytes at 0xC0000000, far outside its memory (where the
 *         hypervisor keeps its module window)
 *   end   64 bytes starting 16 bytes before the end of its memory
 *   max   HV_CONSOLE_MAX + 1 bytes of its own memory
 * and the console-read rules, the same for the buffer read into, which
 * must also be writable:
 *   read-addr, read-end, read-max   as above
 *   read-ro    a page its own tables map read-only
 *   halt-blocked  a reader (CONSOLE_READ of 0 bytes) that blocks its
 *          console interrupt and halts with no timer: nothing could wake it
 */
#include <string.h>
#include "hv.h"
#include "paging.h"

#define RO_PAGE     0x40000000u

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
	} else if (strcmp(how, "read-addr") == 0) {
		hcall(HV_CALL_CONSOLE_READ, 0xC0000000u, 16, 0, 0);
	} else if (strcmp(how, "read-end") == 0) {
		hcall(HV_CALL_CONSOLE_READ, hv_boot->mem_bytes - 16, 64, 0, 0);
	} else if (strcmp(how, "read-max") == 0) {
		hcall(HV_CALL_CONSOLE_READ, (uint32_t)text, sizeof(text), 0, 0);
	} else if (strcmp(how, "halt-blocked") == 0) {
		hcall(HV_CALL_CONSOLE_READ, (uint32_t)text, 0, 0, 0);
		hv_self()->blocked_irqs[0] |= 1u << HV_IRQ_CONSOLE;
		hcall(HV_CALL_HALT, 0, 0, 0, 0);
	} else if (strcmp(how, "read-ro") == 0) {
		uint32_t root = pt_new_root();

		pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
		pt_set(root, RO_PAGE, (uint32_t)text | PTE_P, 0);
		pt_switch(root);
		hcall(HV_CALL_CONSOLE_READ, RO_PAGE, 16, 0, 0);
	} else {
		hv_crash("unknown variant");
	}
	hv_crash("still alive after a bad console call");
}
