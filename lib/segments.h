/*
 * The hypervisor's GDT layout, the same on every CPU and in every guest's
 * view: Linux i386's (guests/abi.h, the home of the guest-visible
 * entries). The hypervisor owns the null entry, its own code and data
 * (1, 2), the TSS and the double-fault TSS; guests get segments for ring 1
 * (their kernel) and ring 3 (their users). Usable from assembler.
 */
#ifndef HV_SEGMENTS_H
#define HV_SEGMENTS_H

#include <guests/abi.h>

#define GDT_NULL            0
#define GDT_HV_CODE         1
#define GDT_HV_DATA         2
#define GDT_GUEST_CODE      HV_GDT_KERNEL_CODE  /* DPL 1 */
#define GDT_GUEST_DATA      HV_GDT_KERNEL_DATA  /* DPL 1 */
#define GDT_USER_CODE       HV_GDT_USER_CODE    /* DPL 3 */
#define GDT_USER_DATA       HV_GDT_USER_DATA    /* DPL 3 */
#define GDT_TSS             HV_GDT_TSS
#define GDT_DF_TSS          HV_GDT_DF_TSS       /* double-fault task */
#define GDT_ENTRIES         HV_GDT_ENTRIES

#if GDT_HV_DATA + 1 != HV_GDT_FIRST_GUEST
#error "the guest's entries start after the hypervisor's code and data"
#endif

#define SEL_HV_CODE         (GDT_HV_CODE << 3)
#define SEL_HV_DATA         (GDT_HV_DATA << 3)
#define SEL_GUEST_CODE      HV_SEL_KERNEL_CODE
#define SEL_GUEST_DATA      HV_SEL_KERNEL_DATA
#define SEL_USER_CODE       HV_SEL_USER_CODE
#define SEL_USER_DATA       HV_SEL_USER_DATA
#define SEL_TSS             (GDT_TSS << 3)
#define SEL_DF_TSS          (GDT_DF_TSS << 3)

#endif
