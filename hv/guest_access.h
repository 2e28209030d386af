/*
 * Reaching a guest's memory by the addresses the guest uses. Every address
 * is translated as the guest's own page tables say (or one to one before it
 * has any) and checked against its memory; nothing here trusts the guest.
 */
#ifndef HV_GUEST_ACCESS_H
#define HV_GUEST_ACCESS_H

#include <types.h>

struct guest;

/* gva's guest-physical address; false if the guest does not map it so. */
bool guest_translate(struct guest *g, gva_t gva, bool write, gpa_t *gpa);

/* Whether all of [gva, gva + len) could be written (as a write would mark it). */
bool guest_writable(struct guest *g, gva_t gva, size_t len);

bool guest_read(struct guest *g, gva_t gva, void *dst, size_t len);
bool guest_write(struct guest *g, gva_t gva, const void *src, size_t len);

/* Reads a NUL-terminated string of at most size - 1 characters. */
bool guest_read_string(struct guest *g, gva_t gva, char *dst, size_t size);

#endif
