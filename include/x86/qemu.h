/* Devices only a virtual machine has. */
#ifndef X86_QEMU_H
#define X86_QEMU_H

/*
 * QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,...):
 * writing V makes QEMU exit with status (V << 1) | 1. On other machines the
 * port is unused and the write is harmless.
 */
#define DEBUG_EXIT_PORT 0xF4

#endif
