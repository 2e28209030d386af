#include "frame_quota.h"
#include "phys.h"

/* The spare list: each spare frame's first word holds the next one. */
static void push_spare(struct frame_quota *q, hpa_t pa)
{
	*(hpa_t *)phys_direct(pa) = q->spare;
	q->spare = pa;
}

static hpa_t pop_spare(struct frame_quota *q)
{
	hpa_t pa = q->spare;

	if (pa != FRAME_NONE)
		q->spare = *(hpa_t *)phys_direct(pa);
	return pa;
}

static bool unlimited(const struct frame_quota *q)
{
	return q->limit == FRAME_QUOTA_UNLIMITED;
}

bool frame_quota_init(struct frame_quota *q, struct frame_pool *pool,
		      uint32_t limit)
{
	uint32_t i;

	*q = (struct frame_quota){ .pool = pool, .spare = FRAME_NONE,
				   .limit = limit };
	if (unlimited(q))
		return true;
	if (pool->free_direct < limit)
		return false;
	for (i = 0; i < limit; i++)
		push_spare(q, frame_alloc(pool, FRAME_DIRECT));
	return true;
}

hpa_t frame_quota_alloc(struct frame_quota *q)
{
	hpa_t pa = unlimited(q) ? frame_alloc(q->pool, FRAME_DIRECT) : pop_spare(q);

	if (pa == FRAME_NONE)
		return FRAME_NONE;
	q->used++;
	q->peak = MAX(q->peak, q->used);
	return pa;
}

void frame_quota_free(struct frame_quota *q, hpa_t pa)
{
	q->used--;
	if (unlimited(q))
		frame_free(q->pool, pa);
	else
		push_spare(q, pa);
}

uint64_t frame_quota_left(const struct frame_quota *q)
{
	return unlimited(q) ? q->pool->free_direct : q->limit - q->used;
}

void frame_quota_destroy(struct frame_quota *q)
{
	hpa_t pa;

	while ((pa = pop_spare(q)) != FRAME_NONE)
		frame_free(q->pool, pa);
}
