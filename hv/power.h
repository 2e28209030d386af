#ifndef HV_POWER_H
#define HV_POWER_H

#include <types.h>

/* The status QEMU's debug-exit device carries out; see iso/run. */
enum power_status {
	POWER_SUCCESS = 0,      /* every guest ended cleanly */
	POWER_FAILURE = 1,      /* a guest failed or was killed */
	POWER_PANIC = 2,        /* the hypervisor itself failed */
};

/* Where ACPI says the sleep-control registers are; zero when unknown. */
struct acpi_poweroff {
	uint16_t pm1a_cnt, pm1b_cnt;
	uint8_t slp_typa, slp_typb;
	bool valid;
};

void power_set_acpi(const struct acpi_poweroff *acpi);
NORETURN void power_off(enum power_status status);

/* Resets the machine (QEMU's -no-reboot turns that into an exit). */
NORETURN void power_reboot(void);

#endif
