#include <x86/i8042.h>
#include <x86/io.h>
#include <lib/console.h>
#include "console_input.h"
#include "keyboard.h"
#include "keymap.h"
#include "pit.h"
#include "trap.h"
#include "vectors.h"

#define I8042_SPINS     100000u         /* a controller answers far sooner */
#define DRAIN_MAX       32u             /* bytes left over from the firmware */
#define POLL_MAX        16u             /* bytes per interrupt, at most */

static struct keymap keymap;

static bool wait_status(uint8_t bit, bool set)
{
	unsigned i;

	for (i = 0; i < I8042_SPINS; i++) {
		if (!!(inb(I8042_STATUS) & bit) == set)
			return true;
		cpu_relax();
	}
	return false;
}

static bool command(uint8_t cmd)
{
	if (!wait_status(I8042_STATUS_IN_FULL, false))
		return false;
	outb(I8042_COMMAND, cmd);
	return true;
}

static void drain(void)
{
	unsigned i;

	for (i = 0; i < DRAIN_MAX && (inb(I8042_STATUS) & I8042_STATUS_OUT_FULL); i++)
		inb(I8042_DATA);
}

/* Key interrupts on, mouse off, codes translated to set 1. */
static bool configure(void)
{
	uint8_t config;

	drain();
	if (!command(I8042_CMD_DISABLE_AUX) || !command(I8042_CMD_READ_CONFIG) ||
	    !wait_status(I8042_STATUS_OUT_FULL, true))
		return false;
	config = inb(I8042_DATA);
	config = (uint8_t)((config | I8042_CONFIG_KBD_IRQ | I8042_CONFIG_TRANSLATE) &
			   ~I8042_CONFIG_AUX_IRQ);
	if (!command(I8042_CMD_WRITE_CONFIG) ||
	    !wait_status(I8042_STATUS_IN_FULL, false))
		return false;
	outb(I8042_DATA, config);
	if (!command(I8042_CMD_ENABLE_KBD))
		return false;
	drain();
	return true;
}

static void keyboard_irq(struct trap_frame *tf)
{
	unsigned i;

	(void)tf;
	for (i = 0; i < POLL_MAX; i++) {
		uint8_t status = inb(I8042_STATUS), code;
		int c;

		if (!(status & I8042_STATUS_OUT_FULL))
			break;
		code = inb(I8042_DATA);
		if (status & I8042_STATUS_AUX)
			continue;
		c = keymap_feed(&keymap, code);
		if (c >= 0)
			console_input_key((uint8_t)c);
	}
	pic_eoi(I8042_KBD_IRQ);
}

void keyboard_init(void)
{
	if (inb(I8042_STATUS) == I8042_STATUS_ABSENT) {
		kprintf("keyboard: no PS/2 controller; input from the serial "
			"line only\n");
		return;
	}
	if (!configure()) {
		kprintf("keyboard: the PS/2 controller does not answer; input "
			"from the serial line only\n");
		return;
	}
	trap_set_handler(VEC_PIC_BASE + I8042_KBD_IRQ, keyboard_irq);
	pic_unmask(I8042_KBD_IRQ);
}
