/*
 * The i8042 PS/2 controller and the keyboard behind it. With translation
 * on (the controller's default) the keyboard's codes arrive in scan code
 * set 1: one byte per key press, the same with the top bit set when the
 * key is released, some keys after an 0xE0 prefix.
 */
#ifndef X86_I8042_H
#define X86_I8042_H

#include <types.h>

#define I8042_DATA              0x60
#define I8042_STATUS            0x64    /* read */
#define I8042_COMMAND           0x64    /* write */

#define I8042_STATUS_OUT_FULL   0x01u   /* a byte waits at I8042_DATA */
#define I8042_STATUS_IN_FULL    0x02u   /* the controller has not taken ours */
#define I8042_STATUS_AUX        0x20u   /* that byte is the mouse's */
#define I8042_STATUS_ABSENT     0xFFu   /* no controller: the bus floats */

#define I8042_CMD_READ_CONFIG   0x20
#define I8042_CMD_WRITE_CONFIG  0x60
#define I8042_CMD_DISABLE_AUX   0xA7
#define I8042_CMD_ENABLE_KBD    0xAE
#define I8042_CMD_PULSE_RESET   0xFE    /* pulses the CPU's reset line */

#define I8042_CONFIG_KBD_IRQ    0x01u   /* IRQ 1 when a key byte arrives */
#define I8042_CONFIG_AUX_IRQ    0x02u   /* IRQ 12 for the mouse */
#define I8042_CONFIG_TRANSLATE  0x40u   /* deliver scan code set 1 */

#define I8042_KBD_IRQ           1

/* Scan code set 1. */
#define SC1_RELEASE             0x80u   /* or-ed into a key's code */
#define SC1_PREFIX              0xE0u   /* the next code is an extended key */
#define SC1_PAUSE_PREFIX        0xE1u   /* Pause: two more codes follow */
#define SC1_LCTRL               0x1Du   /* the right one after SC1_PREFIX */
#define SC1_LSHIFT              0x2Au
#define SC1_RSHIFT              0x36u
#define SC1_CAPS_LOCK           0x3Au
#define SC1_ENTER               0x1Cu
#define SC1_KEYPAD_SLASH        0x35u   /* after SC1_PREFIX */
#define SC1_KEYS                0x59u   /* codes below this are keys */

#endif
