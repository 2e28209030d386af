/*
 * void swtch(uint32_t *save_esp, uint32_t esp): saves the callee-saved
 * registers on this stack and its pointer in *save_esp, then continues on
 * stack esp where another swtch() left off (or where sched.c built the
 * same layout for a new process).
 */
	.text
	.globl swtch
swtch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
