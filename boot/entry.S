/*
 * Multiboot2 header and 32-bit entry point.
 *
 * GRUB enters here in protected mode with paging off, flat segments, EAX
 * holding the boot-loader magic and EBX the physical address of the boot
 * information. The GDT GRUB used may be anywhere, so nothing here reloads a
 * segment register: cpu_tables_init() installs the hypervisor's own GDT.
 */
#include <multiboot2.h>

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* Ask for the command line, modules, memory map and ACPI RSDP. */
	.balign 8
mb2_request:
	.short MB2_HTAG_INFO_REQUEST
	.short 0
	.long mb2_request_end - mb2_request
	.long MB2_TAG_CMDLINE
	.long MB2_TAG_MODULE
	.long MB2_TAG_MMAP
mb2_request_end:

	.balign 8
mb2_acpi_request:
	.short MB2_HTAG_INFO_REQUEST
	.short MB2_HTAG_FLAGS_OPTIONAL
	.long mb2_acpi_request_end - mb2_acpi_request
	.long MB2_TAG_ACPI_NEW
	.long MB2_TAG_ACPI_OLD
mb2_acpi_request_end:

	/* Any framebuffer will do (iso/grub.cfg asks GRUB for text mode on
	 * BIOS and to keep the firmware's mode on UEFI): the screen console. */
	.balign 8
mb2_console_flags:
	.short MB2_HTAG_CONSOLE_FLAGS
	.short MB2_HTAG_FLAGS_OPTIONAL
	.long mb2_console_flags_end - mb2_console_flags
	.long MB2_CONSOLE_EGA_TEXT
mb2_console_flags_end:

	.balign 8
mb2_framebuffer_request:
	.short MB2_HTAG_FRAMEBUFFER
	.short MB2_HTAG_FLAGS_OPTIONAL
	.long mb2_framebuffer_request_end - mb2_framebuffer_request
	.long 0, 0, 0           /* width, height, depth: no preference */
mb2_framebuffer_request_end:

	.balign 8
	.short MB2_HTAG_END
	.short 0
	.long 8
mb2_header_end:

	.section .text.entry, "ax"
	.globl boot_entry
boot_entry:
	cli
	cld
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp
	pushl $0
	popfl
	pushl %ebx              /* boot information */
	pushl %eax              /* boot-loader magic */
	call boot_main
1:	cli
	hlt
	jmp 1b

	/*
	 * The boot CPU's stack, with an unmapped guard page below it once
	 * paging is on: running off the end faults into the double-fault task
	 * instead of silently corrupting memory.
	 */
	.section .stack, "aw", @nobits
	.balign 4096
	.globl boot_stack_guard
boot_stack_guard:
	.skip 4096
	.globl boot_stack_bottom
boot_stack_bottom:
	.skip 16384
	.globl boot_stack_top
boot_stack_top:
