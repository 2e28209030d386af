/*
 * Trap and interrupt entry for guests. Each installed vector gets a stub
 * that makes the frame uniform (error code, vector) and calls the C
 * dispatcher; the return path restores the virtual interrupt flag from the
 * saved EFLAGS inside the no-interrupt window, where the hypervisor never
 * delivers an interrupt, then irets. The frame is include/trap_frame.h's,
 * which says which vectors come with an error code (x86/exception.h).
 */
#include <abi.h>
#include <trap_frame.h>

	.text
	.globl trap_stub_table
	.balign 16
trap_stubs:
	vector = 0
	.rept NUM_VECTORS
	.balign 16
	TRAP_STUB trap_common
	vector = vector + 1
	.endr

trap_common:
	TRAP_FRAME_SAVE
	movl $HV_SEL_KERNEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	cld                             /* C expects it; iret restores the guest's */
	pushl %esp
	call trap_dispatch
	addl $4, %esp
	TRAP_FRAME_RESTORE
	.globl hv_iret
hv_iret:
	/* The saved EFLAGS (at 8(%esp)) says whether interrupts were on. */
	.globl noirq_start
noirq_start:
	testl $0x200, 8(%esp)
	jz 1f
	movl $0x200, hv_shared
	iret
1:	movl $0, hv_shared
	iret

/*
 * void hv_halt_irq(void): enables virtual interrupts and halts as one step
 * (like "sti; hlt"). Both happen inside the no-interrupt window, so an
 * interrupt that arrives in between stays pending and HALT returns at
 * once; the hypercall's return address, hv_halt_resume, is the window's
 * end, where the interrupt is then delivered.
 */
	.globl hv_halt_irq
hv_halt_irq:
	movl $0x200, hv_shared
	movl $14, %eax                          /* HV_CALL_HALT (checked in runtime.c) */
	int $HV_HYPERCALL_VECTOR
	.globl noirq_end
noirq_end:
	.globl hv_halt_resume
hv_halt_resume:
	ret

	.section .rodata
	.balign 4
trap_stub_table:
	vector = 0
	.rept NUM_VECTORS
	.long trap_stubs + vector * 16
	vector = vector + 1
	.endr
