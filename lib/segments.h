/*
 * The hypervisor's GDT layout, the same on every CPU. Usable from assembler.
 * Guests get segments for ring 1 (their kernel) and ring 3 (their users).
 */
#ifndef HV_SEGMENTS_H
#define HV_SEGMENTS_H

#define GDT_NULL            0
#define GDT_HV_CODE         1
#define GDT_HV_DATA         2
#define GDT_GUEST_CODE      3   /* DPL 1 */
#define GDT_GUEST_DATA      4   /* DPL 1 */
#define GDT_USER_CODE       5   /* DPL 3 */
#define GDT_USER_DATA       6   /* DPL 3 */
#define GDT_TSS             7
#define GDT_DF_TSS          8   /* double-fault task */
#define GDT_ENTRIES         9

#define SEL_HV_CODE         (GDT_HV_CODE << 3)
#define SEL_HV_DATA         (GDT_HV_DATA << 3)
#define SEL_GUEST_CODE      ((GDT_GUEST_CODE << 3) | 1)
#define SEL_GUEST_DATA      ((GDT_GUEST_DATA << 3) | 1)
#define SEL_USER_CODE       ((GDT_USER_CODE << 3) | 3)
#define SEL_USER_DATA       ((GDT_USER_DATA << 3) | 3)
#define SEL_TSS             (GDT_TSS << 3)
#define SEL_DF_TSS          (GDT_DF_TSS << 3)

#endif
