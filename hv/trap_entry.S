/*
 * One small stub per vector. Each makes the stack look the same (an error
 * code, real or zero, then the vector number) and joins trap_common, which
 * saves the registers as a struct trap_frame and calls trap_dispatch().
 */
#include <trap_frame.h>
#include <lib/segments.h>

	.text
	.balign 16
trap_stubs_start:
	vector = 0
	.rept NUM_VECTORS
	.balign 16
	TRAP_STUB trap_common
	vector = vector + 1
	.endr

trap_common:
	TRAP_FRAME_SAVE
	movw $SEL_HV_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs
	cld
	pushl %esp              /* struct trap_frame * */
	call trap_dispatch
	addl $4, %esp
	TRAP_FRAME_RESTORE
	iret

	/* Stub addresses, for the IDT. */
	.section .rodata
	.balign 4
	.globl trap_stubs
trap_stubs:
	vector = 0
	.rept NUM_VECTORS
	.long trap_stubs_start + vector * 16
	vector = vector + 1
	.endr
