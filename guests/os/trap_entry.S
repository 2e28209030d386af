/*
 * The OS's entry points, the CPU's exceptions (0-31) and the timer (32),
 * built as the hypervisor's are (include/trap_frame.h): each stub makes the
 * stack look the same and joins trap_common, which calls os_trap(frame).
 * Under the hypervisor the return goes through os_hv_iret, which restores
 * the virtual interrupt flag (pv_hv_entry.S).
 */
#include <trap_frame.h>

#define STUB_SIZE       16
#define OS_VECTORS      48              /* trap.h */

	.text
	.balign STUB_SIZE
trap_stubs_start:
	vector = 0
	.rept OS_VECTORS
	.balign STUB_SIZE
	TRAP_STUB trap_common
	vector = vector + 1
	.endr

/* The system call: a trap gate of DPL 3 (trap.c). */
	.globl syscall_stub
syscall_stub:
	pushl $0
	pushl $0x80                     /* SYSCALL_VECTOR (user.h) */
	jmp trap_common

/*
 * From ring 3 the CPU left the frame (and the stub its vector and error
 * code: 7 words) on the entry stack; they move to the top of the
 * process's own stack (trap.h), which is empty while the process runs in
 * ring 3, pushed there in order with EAX pointing at the old copy. Only
 * %ss is the kernel's yet. An interrupt meanwhile (a system call keeps
 * them on) nests on the process's stack below what is pushed so far and
 * returns here: the timer only preempts ring 3 (sched_tick).
 */
#define FRAME_WORDS     7
trap_common:
	testb $2, 12(%esp)              /* the saved CS: RPL 3, not 0 or 1 */
	jz 2f
	pushl %eax
	movl %esp, %eax
	movl %ss:os_process_stack_top, %esp
	i = FRAME_WORDS
	.rept FRAME_WORDS
	pushl %ss:4 * i(%eax)
	i = i - 1
	.endr
	movl %ss:(%eax), %eax
2:	TRAP_FRAME_SAVE
	movzwl os_kernel_ds, %eax       /* a trap from ring 3 left its own */
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs                   /* and its TLS, which may change */
	movw %ax, %gs
	cld
	pushl %esp                      /* struct trap_frame * */
	call os_trap
	addl $4, %esp
/* Also where a new process starts (sched.c): its frame built on its stack. */
	.globl trap_return
trap_return:
	TRAP_FRAME_RESTORE
	cmpl $0, os_virtual_if
	jne os_hv_iret
	iret

	.section .rodata
	.balign 4
	.globl trap_stubs
trap_stubs:
	vector = 0
	.rept OS_VECTORS
	.long trap_stubs_start + vector * STUB_SIZE
	vector = vector + 1
	.endr
