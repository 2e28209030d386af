/*
 * The OS's exception entry points, vectors 0-31, built as the
 * hypervisor's are (include/trap_frame.h): each stub makes the stack look
 * the same and joins trap_common, which calls os_trap(frame).
 */
#include <trap_frame.h>

#define STUB_SIZE       16

	.text
	.balign STUB_SIZE
trap_stubs_start:
	vector = 0
	.rept NUM_EXCEPTIONS
	.balign STUB_SIZE
	TRAP_STUB trap_common
	vector = vector + 1
	.endr

trap_common:
	TRAP_FRAME_SAVE
	cld
	pushl %esp                      /* struct trap_frame * */
	call os_trap
	addl $4, %esp
	TRAP_FRAME_RESTORE
	iret

	.section .rodata
	.balign 4
	.globl trap_stubs
trap_stubs:
	vector = 0
	.rept NUM_EXCEPTIONS
	.long trap_stubs_start + vector * STUB_SIZE
	vector = vector + 1
	.endr
