/* Resetting a PC: the chipset's reset control register, then the 8042. */
#ifndef X86_RESET_H
#define X86_RESET_H

#define RESET_CONTROL_PORT  0xCF9
#define RESET_CONTROL_HARD  0x06    /* system reset, full (hard) */
#define KBC_COMMAND_PORT    0x64
#define KBC_PULSE_RESET     0xFE    /* pulse the CPU's reset line */

#endif
