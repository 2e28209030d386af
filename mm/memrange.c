#include "memrange.h"

static void insert_at(struct mem_ranges *set, unsigned i, hpa_t base, hpa_t end)
{
	unsigned j;

	if (set->n == set->cap) {
		set->dropped++;
		return;
	}
	for (j = set->n; j > i; j--)
		set->r[j] = set->r[j - 1];
	set->r[i].base = base;
	set->r[i].end = end;
	set->n++;
}

static void delete_at(struct mem_ranges *set, unsigned i)
{
	for (; i + 1 < set->n; i++)
		set->r[i] = set->r[i + 1];
	set->n--;
}

void memranges_add(struct mem_ranges *set, hpa_t base, hpa_t end)
{
	unsigned i;

	if (ALIGN_UP(base, (hpa_t)PAGE_SIZE) < base)
		return;             /* in the last page: no whole page fits */
	base = ALIGN_UP(base, (hpa_t)PAGE_SIZE);
	end = ALIGN_DOWN(end, (hpa_t)PAGE_SIZE);
	if (base >= end)
		return;
	/* Swallow every range that touches the new one, then insert. */
	for (i = 0; i < set->n;) {
		struct mem_range *r = &set->r[i];

		if (r->end < base) {
			i++;
		} else if (r->base > end) {
			break;
		} else {
			base = MIN(base, r->base);
			end = MAX(end, r->end);
			delete_at(set, i);
		}
	}
	insert_at(set, i, base, end);
}

void memranges_remove(struct mem_ranges *set, hpa_t base, hpa_t end)
{
	unsigned i;

	base = ALIGN_DOWN(base, (hpa_t)PAGE_SIZE);
	/* An end in the last page means the top of the space, not 0. */
	end = ALIGN_UP(end, (hpa_t)PAGE_SIZE) < end ? ~(hpa_t)0 :
	      ALIGN_UP(end, (hpa_t)PAGE_SIZE);
	if (base >= end)
		return;
	for (i = 0; i < set->n;) {
		struct mem_range *r = &set->r[i];

		if (r->end <= base || r->base >= end) {
			i++;
		} else if (r->base >= base && r->end <= end) {
			delete_at(set, i);
		} else if (r->base < base && r->end > end) {
			hpa_t tail_end = r->end;

			r->end = base;
			insert_at(set, i + 1, end, tail_end);
			return;
		} else if (r->base < base) {
			r->end = base;
			i++;
		} else {
			r->base = end;
			i++;
		}
	}
}

hpa_t memranges_total(const struct mem_ranges *set)
{
	hpa_t total = 0;
	unsigned i;

	for (i = 0; i < set->n; i++)
		total += set->r[i].end - set->r[i].base;
	return total;
}

hpa_t memranges_total_in(const struct mem_ranges *set, hpa_t lo, hpa_t hi)
{
	hpa_t total = 0;
	unsigned i;

	for (i = 0; i < set->n; i++) {
		hpa_t b = MAX(set->r[i].base, lo), e = MIN(set->r[i].end, hi);

		if (b < e)
			total += e - b;
	}
	return total;
}
