/* The command line's words, separated by spaces. */
#ifndef OS_WORDS_H
#define OS_WORDS_H

#include <types.h>

/* The next word at or after *p, its length in *len (0 at the end); *p
 * moves past it. */
static inline const char *next_word(const char **p, size_t *len)
{
	const char *word;

	while (**p == ' ')
		(*p)++;
	word = *p;
	while (**p && **p != ' ')
		(*p)++;
	*len = (size_t)(*p - word);
	return word;
}

#endif
