/*
 * Guest start-up: the hypervisor enters here in ring 1 with EAX holding
 * HV_GUEST_MAGIC and ESI the boot-info block; virtual interrupts are off.
 */
#include <abi.h>

	.section .text.start, "ax"
	.globl _start
	.weak _start                    /* a test guest may bring its own */
_start:
	movl $boot_stack_top, %esp
	cmpl $HV_GUEST_MAGIC, %eax
	jne not_on_hv
	pushl %esi
	call runtime_start              /* never returns */
not_on_hv:
	/* Not started by the hypervisor: nothing sensible to do. */
	cli
	hlt
	jmp not_on_hv

	.bss
	.balign 16
	.skip 16384
	.globl boot_stack_top
boot_stack_top:
