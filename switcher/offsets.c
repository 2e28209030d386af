/*
 * The numbers switcher.S needs from the C structures, computed by the
 * compiler: the Makefile compiles this file to assembler and turns each
 * "->NAME value" marker into "#define NAME value" in
 * build/gen/switcher/offsets.h. Nothing here is ever linked.
 */
#include <stddef.h>
#include <x86/desc.h>
#include "switcher.h"

#define OFFSET(name, value) \
	__asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))

void switcher_offsets(void);

void switcher_offsets(void)
{
	/* The register page: a struct trap_frame at its very end. */
	OFFSET(REGS_FRAME_OFFSET, PAGE_SIZE - sizeof(struct trap_frame));

	/* The state page. */
	OFFSET(STATE_GUEST_GDT, offsetof(struct switcher_state, guest_gdt));
	OFFSET(STATE_GUEST_IDT_DESC, offsetof(struct switcher_state, guest_idt_desc));
	OFFSET(STATE_GUEST_GDT_DESC, offsetof(struct switcher_state, guest_gdt_desc));
	OFFSET(STATE_HOST_IDT_DESC, offsetof(struct switcher_state, host_idt_desc));
	OFFSET(STATE_HOST_GDT_DESC, offsetof(struct switcher_state, host_gdt_desc));
	OFFSET(STATE_HOST_CR3, offsetof(struct switcher_state, host_cr3));
	OFFSET(STATE_HOST_SP, offsetof(struct switcher_state, host_sp));
	OFFSET(STATE_HOST_FAULT_FRAME, offsetof(struct switcher_state,
						host_fault_frame));

	/* The busy bit of a TSS descriptor's high word (type 0x9 -> 0xB). */
	OFFSET(DESC_HI_TSS_BUSY, (SYS_TYPE_TSS32_BUSY ^ SYS_TYPE_TSS32_AVAIL)
				 << DESC_TYPE_SHIFT);
}
