/*
 * Into a case and back. case_enter() saves the kernel's context, gives
 * every general register the scratch word and irets into the case, in
 * ring 1 or ring 3. Every vector has a stub here that pushes its number
 * and goes to trap_common, which saves the registers on whatever stack
 * the trap used (the case's own in ring 1: its segment may have a base,
 * or be a 16-bit one) and moves to a flat stack of its own for the C
 * handler; on return it goes back to that stack and irets, dropping the
 * vector and, when there was one, the error code. case_leave() ends a
 * case from the handler: back to case_enter()'s caller.
 */
#include <abi.h>

#define SCRATCH_WORD        0x00CDCDCD
#define EFLAGS_BOOT         0x202           /* IF, and bit 1 */
#define HANDLER_STACK       8192

/* Offsets in struct case_entry (fuzz.h). */
#define E_EIP   0
#define E_CS    4
#define E_EFL   8
#define E_ESP   12
#define E_SS    16
#define E_DS    20
#define E_ES    24
#define E_FS    28
#define E_GS    32

	.text
	.balign 16
	.globl fuzz_stubs
fuzz_stubs:
	vector = 0
	.rept 256
	.balign 16
	pushl $vector
	jmp trap_common
	vector = vector + 1
	.endr

trap_common:
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	cld                                     /* the case may have set DF */
	movl $HV_SEL_KERNEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %ss, %eax
	movl %esp, %edx
	movl %eax, trap_ss
	movl %edx, trap_esp
	movl $HV_SEL_KERNEL_DATA, %ecx
	movl %ecx, %ss
	movl $handler_stack + HANDLER_STACK, %esp
	pushl %edx
	pushl %eax
	call fuzz_trap                          /* the words to drop */
	movl %eax, drop
	movl trap_ss, %eax
	movl %eax, %ss
	movl trap_esp, %esp
	popl %gs
	popl %fs
	popl %es
	popl %ds
	popal
	cmpl $1, %cs:drop                       /* %ds is the case's again */
	je 1f
	addl $4, %esp
1:	addl $4, %esp
	iret

/* void case_enter(const struct case_entry *e) */
	.globl case_enter
case_enter:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, kernel_esp
	pushl $EFLAGS_BOOT                      /* no NT for the iret below */
	popfl
	movl 20(%esp), %esi
	testl $2, E_CS(%esi)                    /* ring 3 (or 2): an outer iret */
	jz same_ring
	pushl E_SS(%esi)
	pushl E_ESP(%esi)
	jmp frame
same_ring:
	/* The same ring pops no stack: the frame goes below its esp. */
	movl E_ESP(%esi), %esp
frame:
	pushl E_EFL(%esi)
	pushl E_CS(%esi)
	pushl E_EIP(%esi)
	movl E_DS(%esi), %eax                   /* %ds last: %esi goes through it */
	movl %eax, %ds
	movl %ss:E_ES(%esi), %eax
	movl %eax, %es
	movl %ss:E_FS(%esi), %eax
	movl %eax, %fs
	movl %ss:E_GS(%esi), %eax
	movl %eax, %gs
	movl $SCRATCH_WORD, %eax
	movl %eax, %ebx
	movl %eax, %ecx
	movl %eax, %edx
	movl %eax, %esi
	movl %eax, %edi
	movl %eax, %ebp
	iret

/* void case_leave(void): from the handler, back out of case_enter(). */
	.globl case_leave
case_leave:
	movl $HV_SEL_KERNEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl kernel_esp, %esp
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	pushl $EFLAGS_BOOT
	popfl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.bss
	.balign 16
handler_stack:
	.skip HANDLER_STACK
	.balign 4
kernel_esp:
	.long 0
trap_ss:
	.long 0
trap_esp:
	.long 0
drop:
	.long 0
