/*
 * Into ring 3 and back (process.c). enter_user() runs user code and
 * returns the value a trap handler later gives leave_user(); the kernel
 * context to go back to is kept in one place, since one process runs at
 * a time. Traps from ring 3 arrive on the process's kernel stack (the
 * TSS's, or SET_STACK's), not this one, so the context stays intact.
 */
	.text
/* int enter_user(uint32_t eip, uint32_t esp) */
	.globl enter_user
enter_user:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, kernel_esp
	movl 20(%esp), %ecx                     /* eip */
	movl 24(%esp), %edx                     /* esp */
	movzwl os_user_ds, %eax
	/* Data segments first: iret to ring 3 would null kernel ones. */
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	pushl %eax                              /* ss */
	pushl %edx                              /* esp */
	pushfl
	movzwl os_user_cs, %eax
	pushl %eax
	pushl %ecx
	iret

/* void leave_user(int value): enter_user() returns value. */
	.globl leave_user
leave_user:
	movl 4(%esp), %eax
	movzwl os_kernel_ds, %ecx
	movw %cx, %ds
	movw %cx, %es
	movw %cx, %fs
	movw %cx, %gs
	movl kernel_esp, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.bss
	.balign 4
kernel_esp:
	.long 0
