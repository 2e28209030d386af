/*
 * Powering off: the status goes out first, to Bochs' port 0xE9 and to
 * QEMU's debug-exit port (they carry it to iso/run), then ACPI soft-off
 * (S5), then a halt that never ends.
 */
#include <x86/acpi.h>
#include <x86/desc.h>
#include <x86/bochs.h>
#include <x86/io.h>
#include <x86/qemu.h>
#include <x86/i8042.h>
#include <x86/reset.h>
#include <x86/uart.h>
#include <lib/console.h>
#include "pit.h"
#include "power.h"

/* How long soft-off may take before we call it a failure: 5 x 55 ms. */
#define SOFT_OFF_WAITS 5

static struct acpi_poweroff acpi;

void power_set_acpi(const struct acpi_poweroff *a)
{
	acpi = *a;
}

/*
 * The UART still holds the last bytes written (up to a FIFO's worth plus
 * the one being shifted out); powering off now would lose them, as Bochs,
 * which sends at the line's speed, shows. Wait at most 55 ms: a missing
 * UART reads as all ones, which ends the wait at once.
 */
static void console_drain(void)
{
	pit_start_wait(0xFFFF);
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_TEMT) && !pit_wait_done())
		cpu_relax();
}

/* "hv-status N\n" on Bochs' port 0xE9; nothing reads it elsewhere. */
static void bochs_report(enum power_status status)
{
	const char *p;

	for (p = BOCHS_STATUS_MARKER; *p; p++)
		outb(BOCHS_E9_PORT, (uint8_t)*p);
	outb(BOCHS_E9_PORT, (uint8_t)('0' + status));
	outb(BOCHS_E9_PORT, '\n');
}

static void acpi_soft_off(void)
{
	unsigned i;

	if (!acpi.valid || !acpi.pm1a_cnt)
		return;
	outw(acpi.pm1a_cnt, (uint16_t)((acpi.slp_typa << ACPI_PM1_SLP_TYP_SHIFT) |
				       ACPI_PM1_SLP_EN));
	if (acpi.pm1b_cnt)
		outw(acpi.pm1b_cnt,
		     (uint16_t)((acpi.slp_typb << ACPI_PM1_SLP_TYP_SHIFT) |
				ACPI_PM1_SLP_EN));
	/* The machine may take a moment to go. */
	for (i = 0; i < SOFT_OFF_WAITS; i++) {
		pit_start_wait(0xFFFF);
		while (!pit_wait_done())
			cpu_relax();
	}
}

void power_off(enum power_status status)
{
	static const char *const names[] = {
		[POWER_SUCCESS] = "success",
		[POWER_FAILURE] = "failure",
		[POWER_PANIC] = "panic",
	};

	cli();
	console_break_lock();
	kprintf("power: off, status %d (%s)\n", status, names[status]);
	console_drain();
	bochs_report(status);
	outl(DEBUG_EXIT_PORT, status);
	acpi_soft_off();
	kprintf("power: could not power off; halted\n");
	for (;;)
		hlt();
}

void power_reboot(void)
{
	static const struct desc_ptr no_idt = { 0, 0 };

	cli();
	console_break_lock();
	kprintf("power: rebooting\n");
	console_drain();
	outb(RESET_CONTROL_PORT, RESET_CONTROL_HARD);
	outb(I8042_COMMAND, I8042_CMD_PULSE_RESET);
	/* Neither reset: a triple fault does it. */
	__asm__ volatile("lidt %0; int3" :: "m"(no_idt));
	for (;;)
		hlt();
}
