/*
 * Where the switcher lives: the top directory slot of every address space,
 * host and guest alike. That is the last 4 MiB on a 2-level host and the
 * last 2 MiB on a PAE host. Guests are told this reserve and may not map
 * anything there.
 */
#ifndef SWITCHER_LAYOUT_H
#define SWITCHER_LAYOUT_H

#define SWITCHER_BASE_2LEVEL    0xFFC00000u
#define SWITCHER_BASE_PAE       0xFFE00000u

#endif
