/* How the hypervisor uses the 256 interrupt vectors. */
#ifndef HV_VECTORS_H
#define HV_VECTORS_H

#include <x86/exception.h>

/* The 8259A pair is remapped here and kept masked; only spurious IRQs come. */
#define VEC_PIC_BASE        0x20
#define VEC_PIC_TIMER       (VEC_PIC_BASE + 0)   /* PIT when there is no APIC */
#define VEC_PIC_SPURIOUS1   (VEC_PIC_BASE + 7)
#define VEC_PIC_SPURIOUS2   (VEC_PIC_BASE + 15)

/* The local APIC's: its timer, the CPUs' messages to each other (ipi.h). */
#define VEC_LAPIC_FIRST     0xF0
#define VEC_LAPIC_TIMER     0xF0
#define VEC_KICK            0xF1
#define VEC_SHOOTDOWN       0xF2
#define VEC_STOP            0xF3
#define VEC_LAPIC_SPURIOUS  0xFF

#endif
