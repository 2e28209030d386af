/*
 * The world switch. This page is mapped at the same address at the top of
 * the host's and every guest's address space, so the code keeps running
 * across the CR3 load; it only jumps relative to itself.
 *
 * The first part is one stub per vector, SWITCHER_STUB_SIZE bytes apart:
 * the guest IDT points at them. Every trap or interrupt in the guest lands
 * in one (on the CPU's register page, the ring-0 stack of the guest TSS),
 * completes the struct trap_frame there and goes back to the host; the
 * hypercall's first looks for the one call done here (fast_switch).
 */
#include <trap_frame.h>
#include <lib/segments.h>
#include <switcher/offsets.h>
#include <guests/abi.h>
#include "layout.h"

	.section .switcher, "ax"
	.balign 4096
	.globl switcher_start
switcher_start:
	vector = 0
	.rept NUM_VECTORS
	.org vector * SWITCHER_STUB_SIZE
	.if vector == HV_HYPERCALL_VECTOR
	jmp fast_switch
	.else
	TRAP_STUB guest_exit
	.endif
	vector = vector + 1
	.endr
	.org NUM_VECTORS * SWITCHER_STUB_SIZE

/*
 * switcher_enter(eax = this CPU's register page, edx = the shadow CR3).
 * Called with interrupts off; returns when the guest traps, with the
 * guest's registers, vector and error code in the register page.
 */
	.globl switcher_enter
switcher_enter:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl
	leal 4096(%eax), %ebx                   /* the state page */
	movl %esp, STATE_HOST_SP(%ebx)
	/* Still on the host's tables, where the state page is writable:
	 * make the guest TSS available again and load the guest tables. */
	andl $~DESC_HI_TSS_BUSY, STATE_GUEST_GDT + GDT_TSS * 8 + 4(%ebx)
	lgdt STATE_GUEST_GDT_DESC(%ebx)
	lidt STATE_GUEST_IDT_DESC(%ebx)
	movl $SEL_TSS, %ecx
	ltr %cx
	movl %edx, %cr3
	leal REGS_FRAME_OFFSET(%eax), %esp
	TRAP_FRAME_RESTORE
	iret

/*
 * The fast switch: NEW_PGTABLE (eax; the table in edx) naming a table the
 * hypervisor listed in the state page is done here, in ring 0 on the
 * guest's address space: load the listed shadow, return 0. Only CR3
 * changes, as a native CR3 load would; the hypervisor takes the new space
 * as current at the next exit (STATE_EXIT_CR3). Any other call, an
 * unlisted table, a ready slot in the guest's async ring (its calls run
 * first), or a kernel address the hypervisor has not taken yet: the exit.
 *
 * The CPU left its frame from ring 1 at the register page's end. Only
 * %ss is the switcher's (the guest's data segments stay loaded), and only
 * ebx and ecx are borrowed, on the ring-0 stack.
 */
#define STATE   4096                    /* the state page, after the register page */
#define SHARED  8192                    /* the guest's shared page, after that */
fast_switch:
	cmpl $CALL_NEW_PGTABLE, %eax
	jne 9f
	pushl %ebx
	pushl %ecx
	movl %esp, %ebx
	andl $~0xFFF, %ebx                      /* the register page */
	movl %ss:STATE + STATE_FAST_COUNT(%ebx), %ecx
	jecxz 8f                                /* none (or no shared page) */
	movl %ss:STATE + STATE_FAST_RING_SLOT(%ebx), %ecx
	cmpb $HV_SLOT_READY, %ss:SHARED + SHARED_SLOT_STATUS(%ebx, %ecx)
	je 8f
	movl %ss:SHARED + SHARED_KERNEL_ADDRESS(%ebx), %ecx
	cmpl %ss:STATE + STATE_FAST_KERNEL_ADDRESS(%ebx), %ecx
	jne 8f
	movl %ss:STATE + STATE_FAST_COUNT(%ebx), %ecx
1:	cmpl %ss:STATE + STATE_FAST + FAST_SPACE_ROOT - FAST_SPACE_SIZE(%ebx, %ecx, FAST_SPACE_SIZE), %edx
	je 2f
	loop 1b
	jmp 8f
2:	movl %ss:STATE + STATE_FAST + FAST_SPACE_CR3 - FAST_SPACE_SIZE(%ebx, %ecx, FAST_SPACE_SIZE), %ecx
	movl %ecx, %cr3
	incl %ss:REGS_FAST_SWITCHES(%ebx)
	popl %ecx
	popl %ebx
	xorl %eax, %eax
	iret
8:	popl %ecx
	popl %ebx
9:	pushl $0
	pushl $HV_HYPERCALL_VECTOR
	jmp guest_exit

guest_exit:
	TRAP_FRAME_SAVE
	movl $SEL_HV_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %esp, %eax
	andl $~0xFFF, %eax
	leal 4096(%eax), %ebx                   /* the state page */
	/* A trap from the guest left its frame at the page's end; a fault
	 * of the switcher's own, in ring 0, left one lower down. */
	xorl %esi, %esi
	leal REGS_FRAME_OFFSET(%eax), %ecx
	cmpl %ecx, %esp
	je 1f
	movl %esp, %esi
1:	movl %cr3, %edi                         /* the guest's, maybe a fast switch's */
	movl STATE_HOST_CR3(%ebx), %edx
	movl %edx, %cr3
	movl %esi, STATE_HOST_FAULT_FRAME(%ebx) /* writable on the host's CR3 */
	movl %edi, STATE_EXIT_CR3(%ebx)
	lgdt STATE_HOST_GDT_DESC(%ebx)
	lidt STATE_HOST_IDT_DESC(%ebx)
	/* The host TSS stayed busy since its last ltr. */
	movl STATE_HOST_GDT_DESC + 2(%ebx), %edx
	andl $~DESC_HI_TSS_BUSY, GDT_TSS * 8 + 4(%edx)
	movl $SEL_TSS, %ecx
	ltr %cx
	movl STATE_HOST_SP(%ebx), %esp
	xorl %ecx, %ecx
	movl %ecx, %fs
	movl %ecx, %gs
	popfl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.globl switcher_end
switcher_end:
