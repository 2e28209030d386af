/*
 * Where a vCPU that hv_vcpu_start() started begins (vcpu.c): ring 1, on
 * the stack it was given, EAX its number, interrupts off.
 */
	.text
	.globl hv_vcpu_entry
hv_vcpu_entry:
	pushl %eax
	call hv_vcpu_main
	ud2                             /* hv_vcpu_main does not return */
