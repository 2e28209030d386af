#include "frame.h"
#include "phys.h"

#define BITS 32u

static bool bit_test(const struct frame_pool *p, uint64_t f)
{
	return (p->bitmap[f / BITS] >> (f % BITS)) & 1u;
}

static void mark_free(struct frame_pool *p, uint64_t f)
{
	p->bitmap[f / BITS] |= 1u << (f % BITS);
	p->free++;
	if (f < p->direct_frames)
		p->free_direct++;
}

static void mark_used(struct frame_pool *p, uint64_t f)
{
	p->bitmap[f / BITS] &= ~(1u << (f % BITS));
	p->free--;
	if (f < p->direct_frames)
		p->free_direct--;
}

/* The first range below direct_limit with room for the bitmap. */
static hpa_t place_bitmap(const struct mem_ranges *usable, hpa_t bytes,
			  hpa_t direct_limit)
{
	unsigned i;

	for (i = 0; i < usable->n; i++) {
		const struct mem_range *r = &usable->r[i];

		if (r->base + bytes <= MIN(r->end, direct_limit))
			return r->base;
	}
	return FRAME_NONE;
}

bool frame_pool_init(struct frame_pool *pool, const struct mem_ranges *usable,
		     hpa_t direct_limit)
{
	uint64_t words, f;
	hpa_t top, bytes, bitmap_end;
	unsigned i;

	*pool = (struct frame_pool){ 0 };
	if (usable->n == 0)
		return false;
	top = usable->r[usable->n - 1].end;
	pool->nframes = top >> PAGE_SHIFT;
	pool->direct_frames = MIN(top, direct_limit) >> PAGE_SHIFT;
	words = (pool->nframes + BITS - 1) / BITS;
	bytes = ALIGN_UP(words * sizeof(uint32_t), (hpa_t)PAGE_SIZE);
	pool->bitmap_pa = place_bitmap(usable, bytes, direct_limit);
	if (pool->bitmap_pa == FRAME_NONE)
		return false;
	pool->bitmap = phys_direct(pool->bitmap_pa);
	for (f = 0; f < words; f++)
		pool->bitmap[f] = 0;

	bitmap_end = pool->bitmap_pa + bytes;
	for (i = 0; i < usable->n; i++) {
		const struct mem_range *r = &usable->r[i];

		for (f = r->base >> PAGE_SHIFT; f < r->end >> PAGE_SHIFT; f++) {
			hpa_t pa = (hpa_t)f << PAGE_SHIFT;

			if (pa >= pool->bitmap_pa && pa < bitmap_end)
				continue;
			mark_free(pool, f);
		}
	}
	pool->total = pool->free;
	pool->lock.rank = LOCK_RANK_FRAMES;
	pool->low_word = 0;
	pool->high_word = words - 1;
	return true;
}

static uint64_t lowest_bit(uint32_t w)
{
	return (uint64_t)__builtin_ctz(w);
}

static uint64_t highest_bit(uint32_t w)
{
	return (uint64_t)(31 - __builtin_clz(w));
}

static hpa_t alloc_direct(struct frame_pool *p)
{
	uint64_t words = (p->direct_frames + BITS - 1) / BITS;
	uint64_t w;

	for (w = p->low_word; w < words; w++) {
		uint64_t f;

		if (!p->bitmap[w])
			continue;
		f = w * BITS + lowest_bit(p->bitmap[w]);
		if (f >= p->direct_frames)
			break;
		p->low_word = w;
		mark_used(p, f);
		return (hpa_t)f << PAGE_SHIFT;
	}
	return FRAME_NONE;
}

static hpa_t alloc_any(struct frame_pool *p)
{
	uint64_t w;

	for (w = p->high_word + 1; w-- > 0;) {
		uint64_t f;

		if (!p->bitmap[w])
			continue;
		f = w * BITS + highest_bit(p->bitmap[w]);
		p->high_word = w;
		mark_used(p, f);
		return (hpa_t)f << PAGE_SHIFT;
	}
	return FRAME_NONE;
}

hpa_t frame_alloc(struct frame_pool *pool, enum frame_zone zone)
{
	hpa_t pa = FRAME_NONE;

	spin_lock(&pool->lock);
	if (zone == FRAME_DIRECT && pool->free_direct)
		pa = alloc_direct(pool);
	else if (zone == FRAME_ANY && pool->free)
		pa = alloc_any(pool);
	spin_unlock(&pool->lock);
	return pa;
}

bool frame_free(struct frame_pool *pool, hpa_t pa)
{
	uint64_t f = pa >> PAGE_SHIFT;
	bool ok = false;

	spin_lock(&pool->lock);
	if (!(pa & (PAGE_SIZE - 1)) && f < pool->nframes && !bit_test(pool, f)) {
		mark_free(pool, f);
		if (f / BITS < pool->low_word)
			pool->low_word = f / BITS;
		if (f / BITS > pool->high_word)
			pool->high_word = f / BITS;
		ok = true;
	}
	spin_unlock(&pool->lock);
	return ok;
}

bool frame_is_free(const struct frame_pool *pool, hpa_t pa)
{
	uint64_t f = pa >> PAGE_SHIFT;

	return f < pool->nframes && bit_test(pool, f);
}
