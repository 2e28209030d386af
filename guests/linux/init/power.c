/*
 * Powering off with a status. The kernel command line's poweroff= word
 * (which the kernel passes to init in its environment) names the way:
 *   isa-debug-exit  QEMU's debug-exit device at port 0xf4 (iso/run
 *                   --native): QEMU exits with (status << 1) | 1
 *   bochs           the status line on Bochs' port 0xe9, then its
 *                   shutdown port (iso/run --native --emulator=bochs)
 *   (none)          the kernel's power-off: on the hypervisor's guest
 *                   platform a shutdown with success. A failure there
 *                   ends init instead, and the kernel's panic reports it.
 * The port numbers are the same ones iso/run and the hypervisor use
 * (include/x86/bochs.h, hv/power.c).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <unistd.h>
#include "init.h"

#define QEMU_EXIT_PORT          0xf4
#define QEMU_EXIT_PORTS         4
#define BOCHS_E9_PORT           0xe9
#define BOCHS_SHUTDOWN_PORT     0x8900

/* Status codes as the hypervisor reports them. */
#define STATUS_SUCCESS          0
#define STATUS_FAILURE          1

static void qemu_exit(int status)
{
	if (ioperm(QEMU_EXIT_PORT, QEMU_EXIT_PORTS, 1) == 0)
		outl((unsigned)status, QEMU_EXIT_PORT);
}

static void port_string(unsigned short port, const char *s)
{
	while (*s)
		outb((unsigned char)*s++, port);
}

static void bochs_exit(int status)
{
	if (ioperm(BOCHS_E9_PORT, 1, 1) != 0 ||
	    ioperm(BOCHS_SHUTDOWN_PORT, 1, 1) != 0)
		return;
	port_string(BOCHS_E9_PORT, "hv-status ");
	outb((unsigned char)('0' + status), BOCHS_E9_PORT);
	outb('\n', BOCHS_E9_PORT);
	port_string(BOCHS_SHUTDOWN_PORT, "Shutdown");
}

void power_off(bool success)
{
	const char *how = getenv("poweroff");
	int status = success ? STATUS_SUCCESS : STATUS_FAILURE;

	say("powering off: %s", success ? "success" : "failure");
	sync();
	if (how && strcmp(how, "isa-debug-exit") == 0)
		qemu_exit(status);
	else if (how && strcmp(how, "bochs") == 0)
		bochs_exit(status);
	if (!success)
		exit(STATUS_FAILURE);
	reboot(RB_POWER_OFF);
	exit(STATUS_FAILURE);
}
