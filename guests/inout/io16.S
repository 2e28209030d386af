/*
 * in/out in a 16-bit code segment (its D bit clear): there the operand
 * sizes swap, "in ax, dx" is ED and "in eax, dx" is 66 ED. main.c far-calls
 * these through a segment whose base is their page, so the hypervisor must
 * also fetch the instruction at CS base + EIP. Each returns with a 32-bit
 * far return (66 CB), as the 32-bit far call pushed.
 */
	.text
	.balign 4096
	.globl io16_page, io16_inw, io16_inl, io16_outw
io16_page:
	.code16
io16_inw:
	inw %dx, %ax
	lretl
io16_inl:
	inl %dx, %eax
	lretl
io16_outw:
	outw %ax, %dx
	lretl
	.code32
