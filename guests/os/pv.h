/*
 * The OS's privileged operations, in one table with a back end per
 * machine, as Linux's paravirt layer has: native (the bare PC: the UART,
 * QEMU's debug-exit port) and hv (the hypervisor's calls, guests/abi.h).
 * os_main picks one from the magic in EAX at entry; nothing else in the OS
 * knows which machine it runs on.
 */
#ifndef OS_PV_H
#define OS_PV_H

#include <types.h>
#include <x86/desc.h>

struct pv_ops {
	const char *machine;                    /* "bare metal", "hv 0.1.0" */
	uint16_t kernel_cs;                     /* the kernel's code selector */
	/* The command line's words (natively, after the image's name). */
	const char *(*cmdline)(void);
	void (*console_write)(const char *s, size_t len);
	/* Installs the IDT entry for vector. */
	void (*set_gate)(unsigned vector, struct desc gate);
	NORETURN void (*power_off)(unsigned status);
};

/* The back ends; each starts from what its entry left (see boot.S). */
const struct pv_ops *pv_native_init(uint32_t mb2_info_pa);
const struct pv_ops *pv_hv_init(uint32_t boot_info_gpa);

extern const struct pv_ops *pv;

#endif
