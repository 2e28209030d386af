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

	OFFSET(STATE_EXIT_CR3, offsetof(struct switcher_state, exit_cr3));
	OFFSET(STATE_FAST_COUNT, offsetof(struct switcher_state, fast_count));
	OFFSET(STATE_FAST_RING_SLOT, offsetof(struct switcher_state,
					      fast_ring_slot));
	OFFSET(STATE_FAST_KERNEL_ADDRESS, offsetof(struct switcher_state,
						   fast_kernel_address));
	OFFSET(STATE_FAST, offsetof(struct switcher_state, fast));
	OFFSET(FAST_SPACE_SIZE, sizeof(struct fast_space));
	OFFSET(FAST_SPACE_ROOT, offsetof(struct fast_space, root));
	OFFSET(FAST_SPACE_CR3, offsetof(struct fast_space, cr3));
	OFFSET(REGS_FAST_SWITCHES, offsetof(struct switcher_regs_head,
					    fast_switches));

	/* The guest's shared page, and the call the switcher may do. */
	OFFSET(SHARED_SLOT_STATUS, offsetof(struct hv_shared, slot_status));
	OFFSET(SHARED_KERNEL_ADDRESS, offsetof(struct hv_shared, kernel_address));
	OFFSET(CALL_NEW_PGTABLE, HV_CALL_NEW_PGTABLE);

	/* The busy bit of a TSS descriptor's high word (type 0x9 -> 0xB). */
	OFFSET(DESC_HI_TSS_BUSY, (SYS_TYPE_TSS32_BUSY ^ SYS_TYPE_TSS32_AVAIL)
				 << DESC_TYPE_SHIFT);
}
