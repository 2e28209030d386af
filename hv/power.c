/*
 * Powering off: QEMU's debug-exit port first (it carries the status to the
 * test harness), then ACPI soft-off (S5), then a halt that never ends.
 */
#include <x86/acpi.h>
#include <x86/io.h>
#include <x86/qemu.h>
#include "console.h"
#include "power.h"

static struct acpi_poweroff acpi;

void power_set_acpi(const struct acpi_poweroff *a)
{
	acpi = *a;
}

static void acpi_soft_off(void)
{
	if (!acpi.valid || !acpi.pm1a_cnt)
		return;
	outw(acpi.pm1a_cnt, (uint16_t)((acpi.slp_typa << ACPI_PM1_SLP_TYP_SHIFT) |
				       ACPI_PM1_SLP_EN));
	if (acpi.pm1b_cnt)
		outw(acpi.pm1b_cnt,
		     (uint16_t)((acpi.slp_typb << ACPI_PM1_SLP_TYP_SHIFT) |
				ACPI_PM1_SLP_EN));
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
