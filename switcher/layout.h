/*
 * Where the switcher lives: the top directory slot of every address space,
 * host and guest alike. That is the last 4 MiB on a 2-level host and the
 * last 2 MiB on a PAE host. Guests are told this reserve and may not map
 * anything there.
 *
 *   base + 0          code page: trap stubs and the world switch (read-only)
 *   base + 4K*(1+3c)  CPU c's register page (writable; its end is the
 *                     ring-0 stack for traps from the guest)
 *   base + 4K*(2+3c)  CPU c's state page (read-only to the guest: its GDT,
 *                     IDT and TSS, the host's values to restore, and the
 *                     shadows the fast switch may load)
 *   base + 4K*(3+3c)  the shared page of the guest running on CPU c, in
 *                     the guest's view only (read-only): the fast switch
 *                     reads its ring and kernel address
 *
 * Usable from assembler. The offsets into the pages come from the C
 * structures (switcher/offsets.c, generated into switcher/offsets.h).
 */
#ifndef SWITCHER_LAYOUT_H
#define SWITCHER_LAYOUT_H

#define SWITCHER_BASE_2LEVEL    0xFFC00000
#define SWITCHER_BASE_PAE       0xFFE00000

#define SWITCHER_STUB_SIZE      12      /* bytes per trap stub */
#define SWITCHER_FAST_SPACES    4       /* shadows the fast switch may load */
#define SWITCHER_CODE_PAGES     1
#define SWITCHER_PAGES_PER_CPU  3

#endif
