/*
 * The instructions that trap, each between two global labels: NAME_insn at
 * the instruction, NAME_next after it, so that the C side knows where the
 * frame's eip must point. Those that fault (the frame points at them) have
 * an exception-table entry to resume at NAME_next; the traps (int3, int
 * $0x80) return past themselves anyway.
 */
#include <abi.h>
#include "extable.h"

	.text
/* void do_div0(void): divl by zero */
	.globl do_div0, div0_insn, div0_next
do_div0:
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
div0_insn:
	divl %ecx
div0_next:
	ASM_EXTABLE(div0_insn, div0_next)
	ret

/* void do_int3(void): a breakpoint; the frame points past it */
	.globl do_int3, int3_insn, int3_next
do_int3:
int3_insn:
	int3
int3_next:
	ret

/* void do_ud2(void) */
	.globl do_ud2, ud2_insn, ud2_next
do_ud2:
ud2_insn:
	ud2
ud2_next:
	ASM_EXTABLE(ud2_insn, ud2_next)
	ret

/* void do_cli(void): cli in ring 1 with IOPL 0 is a #GP(0) */
	.globl do_cli, cli_insn, cli_next
do_cli:
cli_insn:
	cli
cli_next:
	ASM_EXTABLE(cli_insn, cli_next)
	ret

/*
 * void user_code(void): runs in ring 3 without touching its stack, so
 * every trap's saved user esp is the entry esp. Each trap is recorded by
 * the kernel, which resumes at the matching _next label.
 */
	.globl user_code
	.globl user_hcall_insn, user_hcall_next
	.globl user_cli_insn, user_cli_next
	.globl user_int3_insn, user_int3_next
	.globl user_int41_insn, user_int41_next
	.globl user_div0_insn, user_div0_next
	.globl user_exit_insn, user_exit_next
user_code:
	movl $2, %eax                           /* FLUSH_ASYNC: harmless if it ran */
user_hcall_insn:
	int $HV_HYPERCALL_VECTOR                /* gate DPL 1: #GP 0xfa */
user_hcall_next:
	ASM_EXTABLE(user_hcall_insn, user_hcall_next)
user_cli_insn:
	cli                                     /* #GP(0), not an I/O one */
user_cli_next:
	ASM_EXTABLE(user_cli_insn, user_cli_next)
user_int3_insn:
	int3                                    /* direct trap gate, DPL 3 */
user_int3_next:
	nop             /* the int3's return address must not be a fault's */
user_int41_insn:
	int $0x41                               /* gate DPL 1: #GP 0x20a */
user_int41_next:
	ASM_EXTABLE(user_int41_insn, user_int41_next)
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
user_div0_insn:
	divl %ecx                               /* interrupt gate */
user_div0_next:
	ASM_EXTABLE(user_div0_insn, user_div0_next)
	movl $0, %eax
user_exit_insn:
	int $0x80                               /* exit to the kernel */
user_exit_next:
	ud2
