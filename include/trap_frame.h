/*
 * The trap frame: what every trap entry path builds on the stack, the
 * hypervisor's own (hv/trap_entry.S), the switcher's for traps from a
 * guest (switcher/switcher.S) and the guest runtime's
 * (guests/runtime/traps.S). Lowest address first: the segment registers,
 * PUSHA's eight, the vector and error code (zero where the CPU pushes
 * none), then what the CPU pushed. The assembler macros below are the only
 * place the order is written.
 */
#ifndef TRAP_FRAME_H
#define TRAP_FRAME_H

#include <x86/exception.h>

#ifndef __ASSEMBLY__
#include <types.h>

struct trap_frame {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;           /* pushed only on a privilege change */
};

#else

/*
 * The body of the stub for the vector in the assembler symbol "vector":
 * a zero in place of the error code the CPU pushes only for some
 * exceptions, the vector number, then on to the common entry.
 */
.macro TRAP_STUB common
	.if !VEC_HAS_ERROR_CODE(vector)
	pushl $0
	.endif
	pushl $vector
	jmp \common
.endm

/* Completes the frame below the vector and error code. */
.macro TRAP_FRAME_SAVE
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
.endm

/* Undoes TRAP_FRAME_SAVE and drops the vector and error code: iret next. */
.macro TRAP_FRAME_RESTORE
	popl %gs
	popl %fs
	popl %es
	popl %ds
	popal
	addl $8, %esp
.endm

#endif
#endif
