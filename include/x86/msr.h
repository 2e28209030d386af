/* Model-specific registers used by the hypervisor. */
#ifndef X86_MSR_H
#define X86_MSR_H

#define MSR_APIC_BASE           0x0000001Bu
#define MSR_APIC_BASE_BSP       (1u << 8)
#define MSR_APIC_BASE_ENABLE    (1u << 11)
#define MSR_APIC_BASE_ADDR_MASK 0xFFFFF000u

#define MSR_SYSENTER_CS         0x00000174u
#define MSR_SYSENTER_ESP        0x00000175u
#define MSR_SYSENTER_EIP        0x00000176u

#define MSR_EFER                0xC0000080u
#define EFER_SCE                (1u << 0)   /* syscall/sysret */
#define EFER_LME                (1u << 8)   /* long mode */
#define EFER_NXE                (1u << 11)  /* no-execute bit in PAE entries */

#endif
