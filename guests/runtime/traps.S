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
#include "vcpu.h"

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
	cmpl $0, hv_smp                 /* several vCPUs: %gs finds this one's */
	je 1f
	movl $HV_RUNTIME_SEL_VCPU, %eax
	movl %eax, %gs
1:	cld                             /* C expects it; iret restores the guest's */
	pushl %esp
	call trap_dispatch
	addl $4, %esp
	/*
	 * From here to the iret the hypervisor delivers no interrupt: the
	 * virtual IF is set from the saved EFLAGS (at 64(%esp), above the
	 * frame's registers) in this vCPU's shared page, then the registers
	 * come back and iret returns.
	 */
	.globl noirq_start
noirq_start:
	call hv_if_word
	testl $0x200, 64(%esp)
	jz 1f
	movl $0x200, (%eax)
	jmp 2f
1:	movl $0, (%eax)
2:	TRAP_FRAME_RESTORE
	iret

/*
 * The same for a handler of its own that has put everything back but the
 * iret frame (EIP, CS, EFLAGS): the virtual IF from that EFLAGS, then iret.
 */
	.globl hv_iret
hv_iret:
	pushl %eax
	call hv_if_word
	testl $0x200, 12(%esp)          /* above EAX, EIP and CS */
	jz 1f
	movl $0x200, (%eax)
	jmp 2f
1:	movl $0, (%eax)
2:	popl %eax
	iret

/*
 * %eax = this vCPU's shared page, whose first word is its virtual IF;
 * nothing else changes. Inside the window: the return path uses it.
 */
	.globl hv_if_word
hv_if_word:
	cmpl $0, hv_smp
	jne 1f
	movl hv_vcpu_areas + 4, %eax    /* vCPU 0's hv_vcpu_area.shared */
	ret
1:	movl %gs:4, %eax                /* this vCPU's */
	ret

/*
 * void hv_halt_irq(void): enables virtual interrupts and halts as one step
 * (like "sti; hlt"). Both happen inside the no-interrupt window, so an
 * interrupt that arrives in between stays pending and HALT returns at
 * once; the hypercall's return address, hv_halt_resume, is the window's
 * end, where the interrupt is then delivered.
 */
	.globl hv_halt_irq
hv_halt_irq:
	call hv_if_word
	movl $0x200, (%eax)
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
