/*
 * Guest console output: collected per guest and printed a whole line at a
 * time as "NAME: text", so lines of different guests never mix. Bytes that
 * could drive a terminal are shown as '.', but for Backspace, which erases
 * within the guest's own line and never its name. A guest that reads
 * input has its unfinished line shown first (guest_console_show).
 *
 * Each guest may have at most GUEST_CONSOLE_SHARE bytes waiting in the
 * console's transmit queue. A guest that writes faster than the serial
 * line sends waits for its own lines to go out; the others' lines, and the
 * hypervisor's, still find room.
 */
#ifndef HV_GUEST_CONSOLE_H
#define HV_GUEST_CONSOLE_H

#include <types.h>

#define GUEST_CONSOLE_SHARE     2048u

struct guest;

/*
 * Takes bytes of the guest's output, up to the first one that would end a
 * line its share has no room for yet. Returns how many it took.
 */
size_t guest_console_put(struct guest *g, const char *s, size_t len);

/* Prints what is left of an unfinished line, and ends it. */
void guest_console_flush(struct guest *g);

/*
 * Shows an unfinished line now and leaves it open (a prompt, or a key
 * echoed), for a guest about to wait for input; what it writes next
 * continues it, unless another line came in between.
 */
void guest_console_show(struct guest *g);

#endif
