/*
 * One function per I/O instruction: uint32_t io_NAME(uint32_t eax) runs
 * the instruction with EAX = eax, DX = COM1's data port (an out that
 * reached the hardware would show in the log) and ESI/EDI at a scratch
 * word, and returns EAX. Labels io_NAME_insn and io_NAME_next bracket the
 * instruction; a #GP that reaches the guest resumes at io_NAME_next (an
 * exception-table entry), and the store to io_after after it shows that
 * execution went on at the right place.
 */
#include "extable.h"

	.macro io_case name, insn:vararg
	.globl io_\name, io_\name\()_insn
io_\name:
	pushl %esi
	pushl %edi
	movl 12(%esp), %eax
	movl $0x3F8, %edx
	movl $io_scratch, %esi
	movl $io_scratch, %edi
io_\name\()_insn:
	\insn
io_\name\()_next:
	ASM_EXTABLE(io_\name\()_insn, io_\name\()_next)
	movl $1, io_after
	popl %edi
	popl %esi
	ret
	.endm

	.text
	io_case inb_imm, inb $0x60, %al
	io_case inw_imm, inw $0x60, %ax
	io_case inl_imm, inl $0x60, %eax
	io_case inb_dx, inb %dx, %al
	io_case inw_dx, inw %dx, %ax
	io_case inl_dx, inl %dx, %eax
	io_case outb_imm, outb %al, $0x60
	io_case outw_imm, outw %ax, $0x60
	io_case outl_imm, outl %eax, $0x60
	io_case outb_dx, outb %al, %dx
	io_case outw_dx, outw %ax, %dx
	io_case outl_dx, outl %eax, %dx
	io_case outsb, outsb
	io_case insb, insb

	.data
	.globl io_after, io_scratch
io_after:
	.long 0
io_scratch:
	.long 0x78787878
