/* A far call through a selector: a helper for the segments guest. */
	.text
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
