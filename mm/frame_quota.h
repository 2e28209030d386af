/*
 * A frame quota: direct frames set aside from the pool for one owner when
 * it is created, handed out as it builds and taken back as it frees. What
 * the owner can build then depends on its own quota alone, never on what
 * others took from the pool first: a guest's shadow page tables live in
 * one (mm/shadow.h), so that one guest's appetite cannot decide whether
 * another survives.
 *
 * A quota made with FRAME_QUOTA_UNLIMITED sets nothing aside and draws on
 * the pool as it goes; the hypervisor's own page tables use one.
 */
#ifndef MM_FRAME_QUOTA_H
#define MM_FRAME_QUOTA_H

#include <types.h>
#include "frame.h"

#define FRAME_QUOTA_UNLIMITED   (~0u)

struct frame_quota {
	struct frame_pool *pool;
	hpa_t spare;        /* set-aside frames not in use, chained through them */
	uint32_t limit;     /* frames set aside, or FRAME_QUOTA_UNLIMITED */
	uint32_t used;      /* frames handed out and not yet taken back */
	uint32_t peak;      /* the most ever handed out at once */
};

/*
 * Sets limit direct frames aside from pool. False, with nothing taken, when
 * the pool has fewer free.
 */
bool frame_quota_init(struct frame_quota *q, struct frame_pool *pool,
		      uint32_t limit);

/* A direct frame, contents undefined; FRAME_NONE when all are in use. */
hpa_t frame_quota_alloc(struct frame_quota *q);

/* Takes back a frame frame_quota_alloc handed out. */
void frame_quota_free(struct frame_quota *q, hpa_t pa);

/*
 * How many more frames it can hand out now: for an unlimited quota, how
 * many direct frames the pool has free.
 */
uint64_t frame_quota_left(const struct frame_quota *q);

/*
 * Returns every spare frame to the pool. Frames still in use stay out of
 * it: the owner frees them first (the allocator's count at the end shows
 * a leak).
 */
void frame_quota_destroy(struct frame_quota *q);

#endif
