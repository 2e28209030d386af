/*
 * The accesses to the switcher's reserve, first in .text.start: this
 * object is linked before the runtime's, so they sit at the start of the
 * image (0x100000) and the kill line's eip does not move when the rest of
 * the guest changes. cdecl: the address at 4(%esp), the value at 8(%esp).
 */
	.section .text.start, "ax"
	.globl switcher_read, switcher_write
switcher_read:
	movl 4(%esp), %edx
	movl (%edx), %eax               /* 0x100004 */
	ret
switcher_write:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	movl %eax, (%edx)               /* 0x10000f */
	ret
