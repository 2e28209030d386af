/*
 * Setting up the screen console (lib/screen.h) from the boot loader's
 * framebuffer tag: VGA text mode, as GRUB leaves a BIOS machine, or the
 * linear framebuffer UEFI firmware sets up. console=serial leaves the
 * screen alone; console=screen takes output off the serial line, once
 * there is a screen to show it.
 */
#ifndef HV_DISPLAY_H
#define HV_DISPLAY_H

#include <types.h>
#include "options.h"

struct mb2_info;

/* Before paging: picks the back end and shows what was written so far. */
void display_init(const struct mb2_info *bi, enum console_choice choice);

/* Right after paging is enabled: maps a framebuffer into its window. */
void display_map(void);

/*
 * Draws what the screen lacks: at most every DISPLAY_PERIOD_NS from the
 * run loop, and always when the CPU is about to idle.
 */
#define DISPLAY_PERIOD_NS   (40ull * 1000 * 1000)
void display_tick(bool idle);

#endif
