/* Local APIC registers (Intel SDM vol. 3, ch. 10), as offsets into its page. */
#ifndef X86_APIC_H
#define X86_APIC_H

#define LAPIC_DEFAULT_BASE      0xFEE00000u

#define LAPIC_ID                0x020u
#define LAPIC_VERSION           0x030u
#define LAPIC_TPR               0x080u
#define LAPIC_EOI               0x0B0u
#define LAPIC_SVR               0x0F0u  /* spurious-interrupt vector */
#define LAPIC_ICR_LOW           0x300u  /* interrupt command: writing it sends */
#define LAPIC_ICR_HIGH          0x310u  /* the destination, first */
#define LAPIC_LVT_TIMER         0x320u
#define LAPIC_LVT_LINT0         0x350u
#define LAPIC_LVT_LINT1         0x360u
#define LAPIC_LVT_ERROR         0x370u
#define LAPIC_TIMER_INITIAL     0x380u
#define LAPIC_TIMER_CURRENT     0x390u
#define LAPIC_TIMER_DIVIDE      0x3E0u

#define LAPIC_ID_SHIFT          24      /* the ID's place in LAPIC_ID */
#define LAPIC_ICR_DEST_SHIFT    24      /* in LAPIC_ICR_HIGH */
#define LAPIC_ICR_FIXED         (0u << 8)   /* delivery: the vector given */
#define LAPIC_ICR_INIT          (5u << 8)
#define LAPIC_ICR_STARTUP       (6u << 8)   /* vector: the start page's number */
#define LAPIC_ICR_PENDING       (1u << 12)  /* delivery status: not yet sent */
#define LAPIC_ICR_ASSERT        (1u << 14)
#define LAPIC_ICR_LEVEL         (1u << 15)
#define LAPIC_STARTUP_MAX_PAGE  0xFFu       /* the start page lies below 1 MiB */

#define LAPIC_SVR_ENABLE        (1u << 8)
#define LAPIC_LVT_MASKED        (1u << 16)
#define LAPIC_DELIVERY_EXTINT   (7u << 8)   /* the 8259A supplies the vector */
#define LAPIC_TIMER_ONESHOT     (0u << 17)
#define LAPIC_TIMER_PERIODIC    (1u << 17)
#define LAPIC_TIMER_DIVIDE_16   0x3u

#endif
