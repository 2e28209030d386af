/* Bochs' port 0xE9 hack: the channel that carries the status out of Bochs. */
#ifndef X86_BOCHS_H
#define X86_BOCHS_H

/*
 * With "port_e9_hack: enabled=1" in the bochsrc, every byte written to
 * this port appears on Bochs' standard output. Before powering off, the
 * hypervisor writes BOCHS_STATUS_MARKER, the status digit and a newline
 * there ("hv-status 0\n"); iso/run --emulator=bochs reads it back. QEMU
 * has nothing at the port unless started with -debugcon, and on PCs it is
 * normally unused, so the bytes go nowhere.
 */
#define BOCHS_E9_PORT 0xE9         /* reads back as 0xE9 where the hack is on */
#define BOCHS_STATUS_MARKER "hv-status "

/*
 * Bochs' shutdown port: the bytes of BOCHS_SHUTDOWN_WORD written to it
 * stop Bochs at once. The guest OS booted natively powers Bochs off this
 * way, having no ACPI of its own; elsewhere nothing listens there.
 */
#define BOCHS_SHUTDOWN_PORT 0x8900
#define BOCHS_SHUTDOWN_WORD "Shutdown"

#endif
