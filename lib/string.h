/*
 * The few C library routines the compiler may call on its own (struct
 * copies and clears become memcpy and memset), with their usual meaning.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
