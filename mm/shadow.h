/*
 * Shadow page tables: the tables the CPU really uses while a guest runs,
 * in the host's format, filled lazily as the guest faults. A guest never
 * sees them and can never write them. Each maps only the guest's own frames
 * and, in its top directory slot, the switcher pages of the CPU it runs on.
 */
#ifndef MM_SHADOW_H
#define MM_SHADOW_H

#include <types.h>
#include "hostpt.h"

#define SHADOW_NO_CPU       (~0u)

struct shadow {
	struct hostpt pt;
	uint32_t reserve_top;       /* the switcher's slot: never mapped here */
	unsigned cpu;               /* whose switcher pages are in the top slot */
};

bool shadow_create(struct shadow *s, enum paging_mode mode, bool nx,
		   struct frame_pool *pool, uint32_t reserve_top);

/* Returns every frame the shadow holds (not the switcher's). */
void shadow_destroy(struct shadow *s);

/* Maps the page at gva to the host frame hpa with HPT_* flags. */
bool shadow_map(struct shadow *s, uint32_t gva, hpa_t hpa, unsigned flags);

/* Puts CPU cpu's switcher table (switcher_pt) into the top slot. */
void shadow_use_cpu(struct shadow *s, unsigned cpu, hpa_t switcher_pt);

static inline uint32_t shadow_cr3(const struct shadow *s)
{
	return (uint32_t)s->pt.root;
}

#endif
