/*
 * The hypervisor back end's two sequences that must not be interrupted
 * (docs/abi.md, "The shared page"): the trap return, which restores the
 * virtual interrupt flag from the saved EFLAGS and only then returns, and
 * the halt, which enables interrupts and halts as one step. The
 * hypervisor delivers no interrupt while EIP is inside
 * [os_hv_noirq_start, os_hv_noirq_end); one that comes meanwhile waits
 * until the window's end, where the halt returns.
 */
#include <abi.h>

#define IF              0x200           /* EFLAGS.IF, checked in pv_hv.c */
#define CALL_HALT       14              /* HV_CALL_HALT, checked in pv_hv.c */

	.text
	.globl os_hv_iret, os_hv_halt, os_hv_noirq_start, os_hv_noirq_end
os_hv_iret:
os_hv_noirq_start:
	testl $IF, 8(%esp)              /* the saved EFLAGS */
	jz 1f
	movl $IF, os_hv_shared          /* irq_enabled, the page's first word */
	iret
1:	movl $0, os_hv_shared
	iret

os_hv_halt:
	movl $IF, os_hv_shared
	movl $CALL_HALT, %eax
	int $HV_HYPERCALL_VECTOR
os_hv_noirq_end:
	ret
