/*
 * The instructions the softint guest runs, and its own trap entry. Site n
 * (softint_sites + 4 * n) is "int $n; ret", so a #GP or #NP raised by the
 * int resumes 2 bytes on; two more sites hold the one-byte forms int3 and
 * into. Every vector's stub pushes its number and nothing else, whatever
 * the vector: the handler in main.c reads the frame as it is, which is how
 * it sees whether an error code was pushed.
 */
#include <abi.h>

	.text
	.balign 4
	.globl softint_sites
softint_sites:
	vector = 0
	.rept 256
	.balign 4
	.byte 0xCD, vector              /* int $vector, never the short int3 */
	ret
	vector = vector + 1
	.endr

	.globl site_int3, site_int3_next
site_int3:
	int3
site_int3_next:
	ret

	.globl site_into_set, site_into, site_into_next
site_into_set:
	pushl %eax
	movb $0x7F, %al
	addb $1, %al                    /* sets OF: into traps */
	popl %eax
site_into:
	into
site_into_next:
	ret

/* Ring 3: runs the site in current_site, then the exit system call. */
	.globl user_run, user_exit_0x80, user_exit_0x81
user_run:
	call *current_site
	cmpl $0, exit_by_0x81
	jne 1f
	int $0x80
user_exit_0x80:
1:	int $0x81
user_exit_0x81:
	ud2

	.balign 16
	.globl softint_stubs
softint_stubs:
	vector = 0
	.rept 256
	.balign 16
	pushl $vector
	jmp common
	vector = vector + 1
	.endr

common:
	pushal
	pushl %ds
	pushl %es
	movl $HV_SEL_KERNEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	leal 40(%esp), %eax             /* the vector's word */
	pushl %eax
	call on_trap                    /* returns the words to drop */
	addl $4, %esp
	movl %eax, %ss:drop
	popl %es
	popl %ds
	popal
	testl $1, %ss:drop
	jz 1f
	addl $4, %esp                   /* the error code */
1:	addl $4, %esp                   /* the vector */
	jmp hv_iret                     /* the runtime's: virtual IF back */

	.bss
	.balign 4
drop:
	.long 0
