/*
 * restart: asks the hypervisor to restart it twice (shutdown with
 * HV_SHUTDOWN_RESTART), then shuts down for good. Each boot starts from a
 * fresh copy of the image: the static counter below is always zero, and
 * only the boot info's restart count tells the boots apart. With the
 * argument "forever" it keeps asking, to show the cap.
 */
#include <stdio.h>
#include <string.h>
#include "hv.h"

static int boots_seen_here;

int main(int argc, char **argv)
{
	int forever = argc > 1 && strcmp(argv[1], "forever") == 0;

	boots_seen_here++;
	check(boots_seen_here == 1, "boot %u starts from a fresh image",
	      hv_boot->restarts);
	if (forever || hv_boot->restarts < 2) {
		fflush(stdout);
		hcall(HV_CALL_SHUTDOWN, HV_SHUTDOWN_RESTART, 0, 0, 0);
		hv_crash("still running after asking to restart");
	}
	return check_summary();
}
