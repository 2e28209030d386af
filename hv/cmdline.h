/*
 * Command-line words: "key=value" or a bare "key", separated by spaces.
 * Used for the hypervisor's own command line and each module's.
 */
#ifndef HV_CMDLINE_H
#define HV_CMDLINE_H

#include <types.h>

struct cmdline_word {
	const char *key;
	size_t keylen;
	const char *value;      /* NULL for a bare word */
	size_t valuelen;
};

/* Reads the word at *pos and advances past it; false at the end. */
bool cmdline_next(const char **pos, struct cmdline_word *w);

bool cmdline_key_is(const struct cmdline_word *w, const char *key);
bool cmdline_value_is(const struct cmdline_word *w, const char *value);

/* "4096", "64K", "16M", "6G": true and *bytes set when well formed. */
bool cmdline_parse_size(const char *s, size_t len, uint64_t *bytes);

#endif
