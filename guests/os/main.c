/*
 * The OS's start: picks the machine's back end (pv.h) and says what it
 * runs on. Lines that may differ between the machines (which machine,
 * timings) start with "env: ", so that the rest of the log is the same
 * natively and under the hypervisor: the test of faithful virtualization.
 */
#include <multiboot2.h>
#include <abi.h>
#include "clock.h"
#include "early.h"
#include "frames.h"
#include "os.h"
#include "paging.h"
#include "pv.h"
#include "programs.h"
#include "trap.h"

const struct pv_ops *pv;
static unsigned frames_at_start;

/* Frames from the image's end up, then the kernel's own tables. */
static void memory_init(unsigned format)
{
	uint32_t top = pv->memory_top();

	if (top > OS_MEMORY_MAX)
		top = OS_MEMORY_MAX;
	os_printf("env: memory: %u KiB\n", top / 1024);
	frames_init(V2P(_end), top);
	paging_init(format, top);
	frames_at_start = frames_free();
	os_printf("paging: on, %s tables\n",
		  format == HV_PT_PAE ? "PAE" : "2-level");
}

void os_main(uint32_t early_pa);

void os_main(uint32_t early_pa)
{
	const struct early_info *e = P2V(early_pa);

	if (e->magic == MB2_BOOTLOADER_MAGIC)
		pv = pv_native_init(e);
	else if (e->magic == HV_GUEST_MAGIC)
		pv = pv_hv_init(e);
	else
		for (;;)
			__asm__ volatile("cli; hlt");      /* nowhere to say so */
	os_printf("env: os %s, booted on %s\n", OS_VERSION, pv->machine);
	os_printf("arguments '%s'\n", pv->cmdline());
	trap_init();
	clock_init();
	memory_init(e->format);
	programs_run(pv->cmdline());
	os_printf("memory: %s frame back\n",
		  frames_free() == frames_at_start ? "every" : "not every");
	os_printf("powering off, status 0\n");
	pv->power_off(0);
}
