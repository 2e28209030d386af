/*
 * Powering off: QEMU's debug-exit port first (it carries the status to the
 * test harness), then ACPI soft-off (S5), then a halt that never ends.
 */
#include <x86/acpi.h>
#include <x86/io.h>
#include <x86/qemu.h>
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
	outl(DEBUG_EXIT_PORT, status);
	acpi_soft_off();
	kprintf("power: could not power off; halted\n");
	for (;;)
		hlt();
}
