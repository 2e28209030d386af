/* How the hypervisor uses the 256 interrupt vectors. */
#ifndef HV_VECTORS_H
#define HV_VECTORS_H

#define VEC_DIVIDE          0
#define VEC_DEBUG           1
#define VEC_NMI             2
#define VEC_BREAKPOINT      3
#define VEC_OVERFLOW        4
#define VEC_BOUND           5
#define VEC_INVALID_OPCODE  6
#define VEC_NO_FPU          7
#define VEC_DOUBLE_FAULT    8
#define VEC_INVALID_TSS     10
#define VEC_NO_SEGMENT      11
#define VEC_STACK_FAULT     12
#define VEC_GP              13
#define VEC_PAGE_FAULT      14
#define VEC_FPU_ERROR       16
#define VEC_ALIGNMENT       17
#define VEC_MACHINE_CHECK   18
#define VEC_SIMD            19
#define NUM_EXCEPTIONS      32

/* The 8259A pair is remapped here and kept masked; only spurious IRQs come. */
#define VEC_PIC_BASE        0x20
#define VEC_PIC_TIMER       (VEC_PIC_BASE + 0)   /* PIT when there is no APIC */
#define VEC_PIC_SPURIOUS1   (VEC_PIC_BASE + 7)
#define VEC_PIC_SPURIOUS2   (VEC_PIC_BASE + 15)

#define VEC_LAPIC_TIMER     0xF0
#define VEC_LAPIC_SPURIOUS  0xFF

#define NUM_VECTORS         256

/* Exceptions for which the CPU pushes an error code. */
#define VEC_HAS_ERROR_CODE(v) \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
	 (v) == 29 || (v) == 30)

#endif
