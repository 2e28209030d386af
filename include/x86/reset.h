/* Resetting a PC: the chipset's reset control register (then the i8042's
 * reset pulse, in i8042.h). */
#ifndef X86_RESET_H
#define X86_RESET_H

#define RESET_CONTROL_PORT  0xCF9
#define RESET_CONTROL_HARD  0x06    /* system reset, full (hard) */

#endif
