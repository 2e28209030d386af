/*
 * Guest console output: collected per guest and printed a whole line at a
 * time as "NAME: text", so lines of different guests never mix. Bytes that
 * could drive a terminal are shown as '.'.
 */
#ifndef HV_GUEST_CONSOLE_H
#define HV_GUEST_CONSOLE_H

#include <types.h>

struct guest;

void guest_console_put(struct guest *g, const char *s, size_t len);

/* Prints what is left of an unfinished line. */
void guest_console_flush(struct guest *g);

#endif
