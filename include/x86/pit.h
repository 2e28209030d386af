/* Intel 8253/8254 programmable interval timer and the 8259A PIC pair. */
#ifndef X86_PIT_H
#define X86_PIT_H

#define PIT_HZ                  1193182u
#define PIT_CH0                 0x40
#define PIT_CH2                 0x42
#define PIT_CMD                 0x43
#define PIT_CMD_CH0             (0u << 6)
#define PIT_CMD_CH2             (2u << 6)
#define PIT_CMD_LOHI            (3u << 4)
#define PIT_CMD_MODE0           (0u << 1)   /* interrupt on terminal count */
#define PIT_CMD_MODE2           (2u << 1)   /* rate generator */

/* Port 0x61 (system control port B) gates channel 2 and shows its output. */
#define PORT_SYSCTL_B           0x61
#define SYSCTL_B_CH2_GATE       (1u << 0)
#define SYSCTL_B_SPEAKER        (1u << 1)
#define SYSCTL_B_CH2_OUT        (1u << 5)

#define PIC1_CMD                0x20
#define PIC1_DATA               0x21
#define PIC2_CMD                0xA0
#define PIC2_DATA               0xA1
#define PIC_ICW1_INIT           0x11        /* edge, cascade, ICW4 needed */
#define PIC_ICW4_8086           0x01
#define PIC_EOI                 0x20
#define PIC_CASCADE_IRQ         2

#endif
