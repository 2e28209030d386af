/*
 * The #UD handler of evil-idt's "ring0" case. Reached through a trap gate
 * naming the hypervisor's code segment, it runs in ring 0 on the
 * switcher's stack: it keeps host interrupts out (the hypervisor would not
 * expect one from ring 0 here), records CS and returns past the 2-byte ud2.
 */
	.text
	.globl ring0_handler
ring0_handler:
	cli
	pushl %eax
	movl %cs, %eax
	movl %eax, ring0_handler_cs
	popl %eax
	addl $2, (%esp)
	iret

	.data
	.balign 4
	.globl ring0_handler_cs
ring0_handler_cs:
	.long 0
