/*
 * Where the switcher lives: the top directory slot of every address space,
 * host and guest alike. That is the last 4 MiB on a 2-level host and the
 * last 2 MiB on a PAE host. Guests are told this reserve and may not map
 * anything there.
 *
 *   base + 0          code page: trap stubs and the world switch (read-only)
 *   base + 4K*(1+2c)  CPU c's register page (writable; its end is the
 *                     ring-0 stack for traps from the guest)
 *   base + 4K*(2+2c)  CPU c's state page (read-only to the guest: its GDT,
 *                     IDT and TSS, and the host's values to restore)
 *
 * Usable from assembler: the offsets into the pages are checked against
 * the C structures in switcher.c.
 */
#ifndef SWITCHER_LAYOUT_H
#define SWITCHER_LAYOUT_H

#define SWITCHER_BASE_2LEVEL    0xFFC00000
#define SWITCHER_BASE_PAE       0xFFE00000

#define SWITCHER_STUB_SIZE      12      /* bytes per trap stub */
#define SWITCHER_CODE_PAGES     1
#define SWITCHER_PAGES_PER_CPU  2

/* The register page: a struct trap_frame at its very end. */
#define REGS_FRAME_SIZE         76
#define REGS_FRAME_OFFSET       (4096 - REGS_FRAME_SIZE)

/* The state page (struct switcher_state). */
#define STATE_GUEST_IDT         0
#define STATE_GUEST_GDT         2048
#define STATE_GUEST_TSS         2304
#define STATE_GUEST_IDT_DESC    2410    /* 2 bytes past a multiple of 4 */
#define STATE_GUEST_GDT_DESC    2418
#define STATE_HOST_IDT_DESC     2426
#define STATE_HOST_GDT_DESC     2434
#define STATE_HOST_CR3          2440
#define STATE_HOST_SP           2444
#define STATE_SIZE              2448

/* The guest GDT's TSS entry, as in the host GDT. */
#define SWITCHER_TSS_INDEX      7
#define DESC_HI_TSS_BUSY        0x200   /* type 0x9 -> 0xB */

#endif
