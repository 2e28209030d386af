#include "guest_mem.h"
#include "phys.h"

static hpa_t *p2m_slot(const struct guest_mem *m, uint32_t gfn)
{
	hpa_t *page = phys_direct(m->p2m_pages[gfn / P2M_PER_PAGE]);

	return &page[gfn % P2M_PER_PAGE];
}

static void zero_frame(hpa_t pa)
{
	void *p = kmap(pa);

	__builtin_memset(p, 0, PAGE_SIZE);
	kunmap(p);
}

bool guest_mem_alloc(struct guest_mem *m, uint32_t bytes,
		     struct frame_pool *pool)
{
	uint32_t gfn, i, npages;

	*m = (struct guest_mem){ 0 };
	if (bytes == 0 || bytes > GUEST_MEM_MAX || bytes % PAGE_SIZE)
		return false;
	m->bytes = bytes;
	npages = (bytes / PAGE_SIZE + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
	for (i = 0; i < npages; i++) {
		m->p2m_pages[i] = frame_alloc(pool, FRAME_DIRECT);
		if (m->p2m_pages[i] == FRAME_NONE)
			goto fail;
		m->frames_owned++;
	}
	for (gfn = 0; gfn < bytes / PAGE_SIZE; gfn++) {
		hpa_t pa = frame_alloc(pool, FRAME_ANY);

		if (pa == FRAME_NONE)
			goto fail;
		zero_frame(pa);
		*p2m_slot(m, gfn) = pa;
		if (pa >= 4ull * GiB)
			m->frames_high++;
		m->nframes++;
		m->frames_owned++;
	}
	return true;
fail:
	guest_mem_free(m, pool);
	return false;
}

void guest_mem_free(struct guest_mem *m, struct frame_pool *pool)
{
	uint32_t gfn, i;

	for (gfn = 0; gfn < m->nframes; gfn++)
		frame_free(pool, *p2m_slot(m, gfn));
	for (i = 0; i < P2M_PAGES && m->p2m_pages[i]; i++)
		frame_free(pool, m->p2m_pages[i]);
	*m = (struct guest_mem){ 0 };
}

hpa_t guest_mem_hpa(const struct guest_mem *m, gpa_t gpa)
{
	if (gpa >= m->nframes * (gpa_t)PAGE_SIZE)
		return FRAME_NONE;
	return *p2m_slot(m, (uint32_t)(gpa >> PAGE_SHIFT));
}

static bool copy(const struct guest_mem *m, gpa_t gpa, void *buf, size_t len,
		 bool to_guest)
{
	uint8_t *b = buf;

	if (gpa > m->bytes || len > m->bytes - gpa)
		return false;
	while (len > 0) {
		uint32_t off = (uint32_t)(gpa & (PAGE_SIZE - 1));
		size_t chunk = MIN(len, (size_t)(PAGE_SIZE - off));
		uint8_t *p = kmap(guest_mem_hpa(m, gpa) + off);

		if (to_guest)
			__builtin_memcpy(p, b, chunk);
		else
			__builtin_memcpy(b, p, chunk);
		kunmap(p);
		gpa += chunk;
		b += chunk;
		len -= chunk;
	}
	return true;
}

/* One aligned word, read or written in place: no copy loop. */
bool guest_mem_read_word(const struct guest_mem *m, gpa_t gpa, unsigned size,
			 uint64_t *value)
{
	void *p;

	if (gpa >= m->bytes || gpa & (size - 1))
		return false;
	p = kmap(*p2m_slot(m, (uint32_t)(gpa >> PAGE_SHIFT)) +
		 (uint32_t)(gpa & (PAGE_SIZE - 1)));
	*value = size == 8 ? *(const volatile uint64_t *)p :
			     *(const volatile uint32_t *)p;
	kunmap(p);
	return true;
}

bool guest_mem_update_word(const struct guest_mem *m, gpa_t gpa,
			   uint32_t expect, uint32_t value)
{
	uint32_t *p;
	bool done;

	if (gpa >= m->bytes || gpa & 3)
		return false;
	p = kmap(*p2m_slot(m, (uint32_t)(gpa >> PAGE_SHIFT)) +
		 (uint32_t)(gpa & (PAGE_SIZE - 1)));
	done = __atomic_compare_exchange_n(p, &expect, value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	kunmap(p);
	return done;
}

bool guest_mem_read(const struct guest_mem *m, gpa_t gpa, void *dst, size_t len)
{
	return copy(m, gpa, dst, len, false);
}

bool guest_mem_write(const struct guest_mem *m, gpa_t gpa, const void *src,
		     size_t len)
{
	return copy(m, gpa, (void *)src, len, true);
}
