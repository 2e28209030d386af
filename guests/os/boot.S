/*
 * The OS's entry, the same image for both machines: GRUB starts it as a
 * multiboot2 kernel (EAX the multiboot2 magic, EBX the boot information),
 * the hypervisor as a guest (EAX HV_GUEST_MAGIC, ESI the boot-info page).
 * Both load it at 1 MiB and enter in 32-bit protected mode with flat
 * segments, interrupts off and paging off (the guest sees its memory
 * linearly); natively the OS is in ring 0, under the hypervisor in ring 1.
 * The kernel is linked at KERNEL_BASE (early.h): this entry and the first
 * stage run at the physical addresses until that is mapped.
 */
#include <multiboot2.h>

#define STACK_SIZE      16384

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	.balign 8
	.short MB2_HTAG_END
	.short 0
	.long 8
mb2_header_end:

/* At the physical addresses: the first stage maps the kernel's. */
	.section .text.start, "ax"
	.globl _start
_start:
	cld                             /* interrupts are off on both: no cli,
					 * which ring 1 may not run */
	movl $boot_stack_top, %esp
	pushl %esi                      /* the hypervisor's boot info */
	pushl %ebx                      /* the multiboot2 information */
	pushl %eax                      /* which of the two started us */
	call early_main                 /* returns what it found */
	movl $stack_top, %esp           /* from here on, the kernel's addresses */
	pushl %eax
	call os_main
1:	jmp 1b                          /* os_main does not return */

	.section .low.bss, "aw", @nobits
	.balign 16
	.space 1024
boot_stack_top:

	.bss
	.balign 16
	.space STACK_SIZE
stack_top:
