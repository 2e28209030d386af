#include "shadow.h"

bool shadow_create(struct shadow *s, enum paging_mode mode, bool nx,
		   struct frame_pool *pool, uint32_t reserve_top)
{
	s->reserve_top = reserve_top;
	s->cpu = SHADOW_NO_CPU;
	return hostpt_init(&s->pt, mode, nx, pool);
}

void shadow_destroy(struct shadow *s)
{
	hostpt_set_foreign_table(&s->pt, s->reserve_top, FRAME_NONE);
	hostpt_destroy(&s->pt);
	s->cpu = SHADOW_NO_CPU;
}

bool shadow_map(struct shadow *s, uint32_t gva, hpa_t hpa, unsigned flags)
{
	if (gva >= s->reserve_top)
		return false;
	return hostpt_map(&s->pt, gva & (uint32_t)PAGE_MASK, hpa, flags);
}

void shadow_use_cpu(struct shadow *s, unsigned cpu, hpa_t switcher_pt)
{
	if (s->cpu == cpu)
		return;
	hostpt_set_foreign_table(&s->pt, s->reserve_top, switcher_pt);
	s->cpu = cpu;
}
