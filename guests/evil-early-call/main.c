/*
 * evil-early-call breaks the rule "the first hypercall must be
 * HV_CALL_REGISTER": from its own entry point it writes to the console
 * before registering a shared page.
 *
 * It needs an entry point of its own (entry.S), which takes effect only
 * when the runtime's _start is weak; until then the runtime starts it,
 * registers, calls main() and main() crashes saying so.
 */
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
	static const char msg[] = "writing before registering\n";

	(void)boot;
	hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)msg, sizeof(msg) - 1, 0, 0);
	/* Not killed: register after all, to be able to say so. */
	hcall(HV_CALL_REGISTER, (uint32_t)shared_page, HV_PT_2LEVEL, 0, 0);
	crash("still alive after a hypercall before registering");
}

int main(void)
{
	crash("started by the runtime's _start, which registers first: "
	      "the test needs its own entry (see entry.S)");
	return 0;
}
