/*
 * Segment register loads that may fault, and a far call: helpers for the
 * segments guest. The #GP handler resumes a faulting load at its _next
 * label with seg_fault set.
 */
	.text
/* int try_load_fs(uint32_t sel): 0 when %fs now holds sel, 1 on #GP */
	.globl try_load_fs, try_load_fs_insn, try_load_fs_next
try_load_fs:
	movl 4(%esp), %eax
	movl $0, seg_fault
try_load_fs_insn:
	movl %eax, %fs
try_load_fs_next:
	movl seg_fault, %eax
	ret

/* uint32_t far_call(uint32_t sel): calls far_target through sel */
	.globl far_call
far_call:
	movl 4(%esp), %eax
	subl $8, %esp
	movl $far_target, (%esp)
	movl %eax, 4(%esp)
	lcall *(%esp)
	addl $8, %esp
	ret

/* Returns the code segment it ran in. */
far_target:
	movl %cs, %eax
	lret

	.data
	.globl seg_fault
seg_fault:
	.long 0
