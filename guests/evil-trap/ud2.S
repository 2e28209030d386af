/*
 * The ud2, first in .text.start: this object is linked before the
 * runtime's, so it sits at 0x100000, the start of the image, and the kill
 * line's eip stays the same whatever the rest of the guest looks like.
 */
	.section .text.start, "ax"
	.globl do_ud2
do_ud2:
	ud2
	ret
