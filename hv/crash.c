/* Test only: exceptions in the hypervisor on purpose (crash= option). */
#include <lib/console.h>
#include "options.h"

#define UNMAPPED_ADDRESS 0xDEAD0000u    /* above the direct map, unmapped */

void crash_now(enum crash_kind kind)
{
	kprintf("crash: failing on purpose (crash= option)\n");
	switch (kind) {
	case CRASH_PAGE_FAULT:
		*(volatile uint32_t *)UNMAPPED_ADDRESS = 1;
		break;
	case CRASH_INVALID_OPCODE:
		__asm__ volatile("ud2");
		break;
	case CRASH_DIVIDE:
		__asm__ volatile("xorl %%ecx, %%ecx\n\tdivl %%ecx" : : "a"(1), "d"(0)
				 : "ecx");
		break;
	case CRASH_DOUBLE_FAULT:
		/* The CPU cannot push the #UD frame, and not the #PF one
		 * either: that is a double fault. */
		__asm__ volatile("movl %0, %%esp\n\tud2" : : "i"(UNMAPPED_ADDRESS));
		break;
	case CRASH_HANG:
		for (;;)
			__asm__ volatile("cli; hlt");
	case CRASH_NONE:
		break;
	}
}
