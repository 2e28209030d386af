/*
 * The PS/2 keyboard behind the i8042 controller: its keys, turned into
 * the bytes a terminal would send (keymap.h), go where the serial line's
 * bytes go (console_input.h): to the guest with the input focus, or the
 * monitor. USB keyboards reach it through the firmware's legacy emulation,
 * where there is one.
 */
#ifndef HV_KEYBOARD_H
#define HV_KEYBOARD_H

/* Once the guests are loaded: sets the controller up and takes IRQ 1. A
 * machine without a controller is said so, and keeps the serial line. */
void keyboard_init(void);

#endif
