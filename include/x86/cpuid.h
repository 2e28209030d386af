/* CPUID leaves and feature bits the hypervisor looks at. */
#ifndef X86_CPUID_H
#define X86_CPUID_H

#define CPUID_LEAF_VENDOR       0x00000000u
#define CPUID_LEAF_FEATURES     0x00000001u
#define CPUID_LEAF_EXT_MAX      0x80000000u
#define CPUID_LEAF_EXT_FEATURES 0x80000001u
#define CPUID_LEAF_BRAND0       0x80000002u

/* Leaf 1, EDX */
#define CPUID_EDX_FPU   (1u << 0)
#define CPUID_EDX_DE    (1u << 2)   /* debug extensions: CR4 exists */
#define CPUID_EDX_PSE   (1u << 3)
#define CPUID_EDX_TSC   (1u << 4)
#define CPUID_EDX_MSR   (1u << 5)
#define CPUID_EDX_PAE   (1u << 6)
#define CPUID_EDX_APIC  (1u << 9)
#define CPUID_EDX_SEP   (1u << 11)  /* sysenter/sysexit and their MSRs */
#define CPUID_EDX_PGE   (1u << 13)
#define CPUID_EDX_FXSR  (1u << 24)
#define CPUID_EDX_SSE   (1u << 25)

/* Leaf 0x80000001, EDX */
#define CPUID_EXT_EDX_SYSCALL (1u << 11)
#define CPUID_EXT_EDX_NX (1u << 20)
#define CPUID_EXT_EDX_LM (1u << 29)

/* The EFLAGS.ID bit can be toggled only on CPUs that have CPUID. */

#endif
