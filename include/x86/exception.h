/*
 * Exceptions: the architectural vectors, which of them push an error code,
 * and the page-fault error code (Intel SDM vol. 3, ch. 6).
 */
#ifndef X86_EXCEPTION_H
#define X86_EXCEPTION_H

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
#define VEC_CONTROL_PROTECTION 21
#define VEC_VMM_COMMUNICATION  29
#define VEC_SECURITY        30
#define NUM_EXCEPTIONS      32      /* vectors 0-31 are the CPU's */
#define NUM_VECTORS         256     /* entries in an IDT */

/* The exceptions for which the CPU pushes an error code. */
#define VEC_HAS_ERROR_CODE(v)                                                \
	((v) == VEC_DOUBLE_FAULT ||                                          \
	 ((v) >= VEC_INVALID_TSS && (v) <= VEC_PAGE_FAULT) ||                 \
	 (v) == VEC_ALIGNMENT || (v) == VEC_CONTROL_PROTECTION ||             \
	 (v) == VEC_VMM_COMMUNICATION || (v) == VEC_SECURITY)

/* The same as a 32-bit mask, for assembler: bit v set when v has one. */
#define VEC_ERROR_CODE_MASK 0x60227D00

/* Page-fault error code. */
#define PFEC_PRESENT        (1u << 0)       /* protection, not a missing page */
#define PFEC_WRITE          (1u << 1)
#define PFEC_USER           (1u << 2)       /* from ring 3 */
#define PFEC_RESERVED       (1u << 3)       /* a reserved bit was set */
#define PFEC_FETCH          (1u << 4)       /* instruction fetch (NX) */

/* Selector error code (#GP, #NP, #SS, #TS): the selector's index and where. */
#define SELEC_EXT           (1u << 0)       /* raised by an external event */
#define SELEC_IDT           (1u << 1)       /* the index is an IDT vector */
#define SELEC_TI            (1u << 2)       /* LDT rather than GDT */
#define SELEC_IDT_VECTOR(v) (((unsigned)(v) << 3) | SELEC_IDT)

#endif
