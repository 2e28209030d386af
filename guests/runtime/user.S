/*
 * Ring 3 for guests: enter_user() runs a function in user mode and
 * returns when kernel code (a trap handler for something user mode did)
 * calls leave_user(). Only one user-mode excursion at a time: the kernel
 * context to go back to is kept in one place.
 */
#include <abi.h>

	.text
/* int enter_user(void (*fn)(void), void *user_stack_top) */
	.globl enter_user
enter_user:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %fs, %eax
	pushl %eax
	movl %gs, %eax
	pushl %eax
	call hv_if_word                         /* the virtual IF */
	pushl (%eax)
	movl %esp, kernel_esp
	movl 32(%esp), %ecx                     /* fn */
	movl 36(%esp), %edx                     /* user stack top */
	/* fn must not return: if it does, it lands on a ud2, in ring 3. */
	subl $4, %edx
	movl $user_fell_off, (%edx)
	/* Data segments first: iret to ring 3 would null ring-1 ones. */
	movl $HV_SEL_USER_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %fs
	movl %eax, %gs
	pushl $HV_SEL_USER_DATA                 /* ss */
	pushl %edx                              /* esp */
	pushfl
	pushl $HV_SEL_USER_CODE
	pushl %ecx
	iret

/* void leave_user(int value): enter_user() returns value. */
	.globl leave_user
leave_user:
	movl 4(%esp), %edx
	movl $HV_SEL_KERNEL_DATA, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl kernel_esp, %esp
	call hv_if_word
	popl %ecx
	movl %ecx, (%eax)                       /* the virtual IF at entry */
	movl %edx, %eax
	popl %ecx
	movl %ecx, %gs
	popl %ecx
	movl %ecx, %fs
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

user_fell_off:
	ud2

	.bss
	.balign 4
kernel_esp:
	.long 0
