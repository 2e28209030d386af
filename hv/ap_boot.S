/*
 * The code an application processor starts in (ap_boot.h). The first part
 * is copied to a page below 1 MiB and entered in real mode at its first
 * byte, with CS the page's segment; it reaches protected mode and jumps to
 * the second, in the hypervisor's text, which turns paging on: its pages
 * are identity-mapped and executable, where the low page is not. Both find
 * the parameters from EBX, the low page's address.
 */
#include "ap_boot.h"

	.section .rodata
	.code16
	.globl ap_boot_start, ap_boot_32, ap_boot_end
ap_boot_start:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	xorl %ebx, %ebx
	movw %ax, %bx
	shll $4, %ebx                   /* the page's linear address */
	lgdtl AP_BOOT_PARAMS + AP_PARAM_GDTR
	movl %cr0, %eax
	orl $1, %eax                    /* protected mode */
	movl %eax, %cr0
	ljmpl *(AP_BOOT_PARAMS + AP_PARAM_FAR)

	.code32
ap_boot_32:
	movw $AP_BOOT_DATA_SEL, %ax    /* DS still has its real-mode base */
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl $ap_boot_paging, %eax
	jmp *%eax
ap_boot_end:

	.text
ap_boot_paging:
	movl AP_BOOT_PARAMS + AP_PARAM_CR4(%ebx), %eax
	movl %eax, %cr4
	movl AP_BOOT_PARAMS + AP_PARAM_EFER_MSR(%ebx), %ecx
	testl %ecx, %ecx
	jz 1f
	movl AP_BOOT_PARAMS + AP_PARAM_EFER(%ebx), %eax
	xorl %edx, %edx
	wrmsr
1:	movl AP_BOOT_PARAMS + AP_PARAM_CR3(%ebx), %eax
	movl %eax, %cr3
	movl AP_BOOT_PARAMS + AP_PARAM_CR0(%ebx), %eax
	movl %eax, %cr0
	movl AP_BOOT_PARAMS + AP_PARAM_STACK(%ebx), %esp
	pushl AP_BOOT_PARAMS + AP_PARAM_INDEX(%ebx)
	pushl $0                        /* no return address: entry never returns */
	jmp *AP_BOOT_PARAMS + AP_PARAM_ENTRY(%ebx)
