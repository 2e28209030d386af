/* Basic types shared by the hypervisor and its host-side tests. */
#ifndef TYPES_H
#define TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* Physical addresses are 64-bit: a PAE host reaches frames above 4 GiB. */
typedef uint64_t hpa_t;     /* host-physical address */
typedef uint64_t gpa_t;     /* guest-physical address */
typedef uint32_t gva_t;     /* guest-virtual address: guests are 32-bit */

#define PAGE_SHIFT  12
#define PAGE_SIZE   4096u
#define PAGE_MASK   (~(uint64_t)(PAGE_SIZE - 1))

#define KiB         1024ull
#define MiB         (1024ull * KiB)
#define GiB         (1024ull * MiB)

#define ALIGN_UP(x, a)      (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)    ((x) & ~((__typeof__(x))(a) - 1))
#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)           ((a) < (b) ? (a) : (b))
#define MAX(a, b)           ((a) > (b) ? (a) : (b))

#define NORETURN    __attribute__((noreturn))
#define PACKED      __attribute__((packed))
#define ALIGNED(n)  __attribute__((aligned(n)))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

#endif
