#include <x86/pte.h>
#include "shadow.h"

/* Frames a space holds before its first page table. */
static uint32_t top_frames(enum paging_mode mode)
{
	return mode == PAGING_PAE ? 1 + PAE_PDPT_ENTRIES : 1;
}

/* Bytes one host page table maps. */
static uint32_t table_span(enum paging_mode mode)
{
	return mode == PAGING_PAE ? 1u << PAE_PDE_SHIFT : 1u << PT2_PDE_SHIFT;
}

uint32_t shadow_quota(enum paging_mode host_mode, uint64_t mem_bytes,
		      uint32_t reserve_top)
{
	uint64_t span = table_span(host_mode);
	uint64_t tables = 2 * ((mem_bytes + span - 1) / span) + SHADOW_SPARE_TABLES;

	tables = MIN(tables, reserve_top / span);
	return SHADOW_SPACES * (top_frames(host_mode) + (uint32_t)tables);
}

static void space_release(struct shadow *s, struct shadow_space *sp)
{
	if (!sp->used)
		return;
	hostpt_set_foreign_table(&sp->pt, s->reserve_top, FRAME_NONE);
	hostpt_destroy(&sp->pt);
	sp->used = false;
}

/* Drops every mapping of sp. False when it holds no page table to drop. */
static bool space_empty(struct shadow *s, struct shadow_space *sp)
{
	if (!sp->used || sp->pt.table_frames == top_frames(s->host_mode))
		return false;
	hostpt_clear_range(&sp->pt, 0, s->reserve_top);
	if (sp == s->cur)
		s->cur_emptied = true;
	return true;
}

/* The least recently used space other than keep and the current one. */
static struct shadow_space *oldest_other(struct shadow *s,
					 const struct shadow_space *keep)
{
	struct shadow_space *best = NULL;
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++) {
		struct shadow_space *sp = &s->spaces[i];

		if (sp->used && sp != keep && sp != s->cur &&
		    (!best || sp->last_used < best->last_used))
			best = sp;
	}
	return best;
}

/*
 * Makes room in the quota for space keep, which needs a frame: releases
 * the oldest other space, or else empties the current one, or else keep.
 * False when nothing is left to drop.
 */
static bool reclaim(struct shadow *s, struct shadow_space *keep)
{
	struct shadow_space *sp = oldest_other(s, keep);

	if (sp)
		space_release(s, sp);
	else if (!space_empty(s, s->cur) && !space_empty(s, keep))
		return false;
	s->stats.reclaims++;
	return true;
}

static bool space_init(struct shadow *s, struct shadow_space *sp, gpa_t root)
{
	while (frame_quota_left(&s->frames) < top_frames(s->host_mode))
		if (!reclaim(s, sp))
			return false;
	if (!hostpt_init(&sp->pt, s->host_mode, s->host_nx, &s->frames))
		return false;
	sp->pt.owner_changes = &s->epoch;
	s->epoch++;
	sp->root = root;
	sp->cpu = SHADOW_NO_CPU;
	sp->used = true;
	sp->pins_seen = false;
	sp->last_used = ++s->clock;
	return true;
}

bool shadow_create(struct shadow *s, enum paging_mode host_mode, bool host_nx,
		   struct frame_pool *pool, const struct guest_mem *mem,
		   uint32_t reserve_top, uint32_t quota)
{
	static uint32_t ids;        /* a few per guest: 2^32 is out of reach */

	*s = (struct shadow){ .host_mode = host_mode, .host_nx = host_nx,
			      .format = GPT_2LEVEL, .mem = mem,
			      .reserve_top = reserve_top,
			      .id = __atomic_add_fetch(&ids, 1, __ATOMIC_RELAXED) };
	if (!frame_quota_init(&s->frames, pool, quota))
		return false;
	s->cur = &s->spaces[0];
	if (space_init(s, s->cur, SHADOW_LINEAR))
		return true;
	frame_quota_destroy(&s->frames);
	return false;
}

void shadow_destroy(struct shadow *s)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++)
		space_release(s, &s->spaces[i]);
	frame_quota_destroy(&s->frames);
	s->cur = NULL;
}

bool shadow_pins_lost(struct shadow *s)
{
	bool lost = s->cur_emptied;

	s->cur_emptied = false;
	return lost;
}

/* The guest's view of gva in space sp: its tables, or the linear map. */
static enum gwalk_result walk(struct shadow *s, struct shadow_space *sp,
			      gva_t gva, unsigned access, bool mark,
			      struct gwalk *w)
{
	if (sp->root != SHADOW_LINEAR)
		return gwalk(s->mem, s->format, sp->root, gva, access, mark, w);
	*w = (struct gwalk){ .page = gva & (uint32_t)PAGE_MASK, .writable = true,
			     .user = true, .accessed = true, .dirty = true };
	if (gva < s->mem->bytes)
		return GW_OK;
	w->error = ((access & GW_WRITE) ? PFEC_WRITE : 0) |
		   ((access & GW_USER) ? PFEC_USER : 0);
	return GW_FAULT;
}

/*
 * The shadow entry for a guest mapping. Writable only once the guest entry
 * is dirty: the first write to a clean page faults here and sets the bit.
 */
static unsigned shadow_flags(const struct gwalk *w)
{
	unsigned flags = 0;

	if (w->user)
		flags |= HPT_USER;
	if (w->writable && w->dirty)
		flags |= HPT_WRITE;
	if (!w->nx)
		flags |= HPT_EXEC;
	return flags;
}

/*
 * Maps gva in sp as the walk found it. When the quota is used up, with
 * may_reclaim the guest's other shadows make room; without, the page is
 * left to fault in later (*skipped).
 */
static const char *fill(struct shadow *s, struct shadow_space *sp, gva_t gva,
			const struct gwalk *w, bool may_reclaim, bool *skipped)
{
	hpa_t hpa = guest_mem_hpa(s->mem, w->page);

	if (hpa == FRAME_NONE)
		return "mapping past guest memory";
	while (!hostpt_map(&sp->pt, gva & (uint32_t)PAGE_MASK, hpa,
			   shadow_flags(w))) {
		if (frame_quota_left(&s->frames))
			return "shadow page table out of the host's reach";
		if (!may_reclaim) {
			*skipped = true;
			return NULL;
		}
		if (!reclaim(s, sp))
			return "shadow page tables do not fit its quota";
	}
	return NULL;
}

/*
 * After a fault in a guest large page, the rest of it too: a guest kernel
 * maps its memory with large pages, and each 4 KiB piece it touches first
 * (a page it has just allocated, say) would fault on its own. The pieces
 * get the faulting page's rights; this stops, leaving the rest to fault,
 * where the quota has no room.
 */
static void fill_large(struct shadow *s, struct shadow_space *sp, gva_t gva,
		       const struct gwalk *w)
{
	uint64_t size = gwalk_dir_span(s->format);
	uint32_t in = (gva & (uint32_t)(size - 1)) & (uint32_t)PAGE_MASK;
	uint32_t first = (gva & (uint32_t)PAGE_MASK) - in;
	uint64_t off;

	for (off = 0; off < size; off += PAGE_SIZE) {
		struct gwalk piece = *w;
		bool skipped = false;

		if (off == in)
			continue;
		if (first + off >= s->reserve_top)
			break;
		piece.page = w->page - in + off;
		if (fill(s, sp, first + (uint32_t)off, &piece, false, &skipped) ||
		    skipped)
			break;
	}
}

enum shadow_fault shadow_fault(struct shadow *s, gva_t gva, uint32_t pfec,
			       uint32_t *error, const char **why)
{
	unsigned access = ((pfec & PFEC_WRITE) ? GW_WRITE : 0) |
			  ((pfec & PFEC_USER) ? GW_USER : 0) |
			  ((pfec & PFEC_FETCH) ? GW_FETCH : 0);
	struct gwalk w;

	if (gva >= s->reserve_top) {
		*why = "touched the switcher's reserve";
		return SF_KILL;
	}
	switch (walk(s, s->cur, gva, access, true, &w)) {
	case GW_BAD:
		*why = w.why;
		return SF_KILL;
	case GW_FAULT:
		*error = w.error;
		s->stats.faults_reflected++;
		return SF_REFLECT;
	case GW_OK:
		break;
	}
	if ((*why = fill(s, s->cur, gva, &w, true, NULL)))
		return SF_KILL;
	if (w.leaf_level == 2)
		fill_large(s, s->cur, gva, &w);
	s->stats.faults_fixed++;
	return SF_FIXED;
}

static struct shadow_space *find_space(struct shadow *s, gpa_t root)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++)
		if (s->spaces[i].used && s->spaces[i].root == root)
			return &s->spaces[i];
	return NULL;
}

/* A free slot, or the least recently used one other than the current. */
static struct shadow_space *victim(struct shadow *s)
{
	struct shadow_space *best = NULL;
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++) {
		struct shadow_space *sp = &s->spaces[i];

		if (!sp->used)
			return sp;
		if (sp != s->cur && (!best || sp->last_used < best->last_used))
			best = sp;
	}
	return best;
}

const char *shadow_set_root(struct shadow *s, enum guest_pt_format format,
			    gpa_t root)
{
	struct shadow_space *sp;
	const char *why = gwalk_check_root(s->mem, format, root);

	if (why)
		return why;
	s->format = format;
	sp = find_space(s, root);
	if (!sp) {
		sp = victim(s);
		if (sp->used)
			s->stats.evictions++;
		space_release(s, sp);
		if (!space_init(s, sp, root))
			return "shadow page tables do not fit its quota";
	}
	sp->last_used = ++s->clock;
	s->cur = sp;
	s->stats.switches++;
	return NULL;
}

/* Whether a change at [lo, hi) under root concerns space sp. */
static bool affected(const struct shadow *s, const struct shadow_space *sp,
		     gpa_t root, uint64_t hi)
{
	if (!sp->used || sp->root == SHADOW_LINEAR)
		return false;
	return sp->root == root || hi > s->kernel_address;
}

const char *shadow_set_pte(struct shadow *s, gpa_t root, gva_t gva)
{
	uint32_t page = gva & (uint32_t)PAGE_MASK;
	unsigned i;

	if (gva >= s->reserve_top)
		return "tried to map the switcher's reserve";
	for (i = 0; i < SHADOW_SPACES; i++) {
		struct shadow_space *sp = &s->spaces[i];
		struct gwalk w;
		enum gwalk_result r;
		const char *why;
		bool skipped = false;

		if (!affected(s, sp, root, (uint64_t)page + PAGE_SIZE))
			continue;
		hostpt_unmap(&sp->pt, page);
		r = gwalk(s->mem, s->format, sp->root, page, 0, false, &w);
		if (r == GW_BAD)
			return w.why;
		/* Already accessed (and dirty, if writable): no fault needed. */
		if (r != GW_OK || !w.accessed)
			continue;
		if ((why = fill(s, sp, page, &w, false, &skipped)))
			return why;
		if (!skipped)
			s->stats.prefills++;
	}
	return NULL;
}

const char *shadow_invalidate(struct shadow *s, gpa_t root, gva_t gva,
			      uint64_t span)
{
	uint64_t lo = gva & ~(span - 1), hi = MIN(lo + span, (uint64_t)s->reserve_top);
	unsigned i;

	if (lo >= s->reserve_top)
		return "tried to map the switcher's reserve";
	if (s->format == GPT_PAE && find_space(s, root)) {
		const char *why = gwalk_check_root(s->mem, s->format, root);
		if (why)
			return why;
	}
	for (i = 0; i < SHADOW_SPACES; i++)
		if (affected(s, &s->spaces[i], root, hi))
			hostpt_clear_range(&s->spaces[i].pt, (uint32_t)lo, hi);
	return NULL;
}

void shadow_flush(struct shadow *s, bool all)
{
	unsigned i;

	if (!all) {
		hostpt_clear_range(&s->cur->pt, 0, MIN(s->kernel_address,
						       s->reserve_top));
		return;
	}
	for (i = 0; i < SHADOW_SPACES; i++)
		if (s->spaces[i].used)
			hostpt_clear_range(&s->spaces[i].pt, 0, s->reserve_top);
}

const char *shadow_pin(struct shadow *s, gva_t gva)
{
	struct gwalk w;

	if (gva >= s->reserve_top)
		return "kernel stack in the switcher's reserve";
	/* Mapped writable already: every shadow entry was checked when it
	 * was made, and a change the guest reports drops or redoes it. */
	if ((hostpt_entry(&s->cur->pt, gva) & (PTE_P | PTE_W)) == (PTE_P | PTE_W))
		return NULL;
	switch (walk(s, s->cur, gva, GW_WRITE, true, &w)) {
	case GW_BAD:
		return w.why;
	case GW_FAULT:
		return "kernel stack not mapped writable";
	case GW_OK:
		break;
	}
	return fill(s, s->cur, gva, &w, true, NULL);
}

void shadow_use_cpu(struct shadow *s, unsigned cpu, hpa_t switcher_pt)
{
	if (s->cur->cpu == cpu)
		return;
	hostpt_set_foreign_table(&s->cur->pt, s->reserve_top, switcher_pt);
	s->cur->cpu = cpu;
}

/*
 * Whether sp maps every pin writable. Asked before every entry, so the
 * answer is kept until sp's tables change (or the pins do).
 */
static bool pins_mapped(const struct shadow *s, struct shadow_space *sp)
{
	unsigned j;

	if (sp->pins_seen && sp->pins_at == sp->pt.changes)
		return true;
	for (j = 0; j < s->pins_count; j++)
		if ((hostpt_entry(&sp->pt, s->pins_first - j * PAGE_SIZE) &
		     (PTE_P | PTE_W)) != (PTE_P | PTE_W))
			return false;
	sp->pins_seen = true;
	sp->pins_at = sp->pt.changes;
	return true;
}

void shadow_set_pins(struct shadow *s, gva_t first, unsigned count)
{
	unsigned i;

	first = count ? first & (uint32_t)PAGE_MASK : 0;
	if (first == s->pins_first && count == s->pins_count)
		return;
	for (i = 0; i < SHADOW_SPACES; i++)
		s->spaces[i].pins_seen = false;
	s->pins_first = first;
	s->pins_count = count;
	s->epoch++;
}

unsigned shadow_ready_spaces(struct shadow *s, unsigned cpu, hpa_t switcher_pt,
			     struct shadow_ready *out, unsigned max)
{
	unsigned i, n = 0;

	for (i = 0; i < SHADOW_SPACES && n < max; i++) {
		struct shadow_space *sp = &s->spaces[i];

		if (!sp->used || sp->root == SHADOW_LINEAR || !pins_mapped(s, sp))
			continue;
		if (sp->cpu != cpu) {
			hostpt_set_foreign_table(&sp->pt, s->reserve_top, switcher_pt);
			sp->cpu = cpu;
		}
		out[n].root = (uint32_t)sp->root;
		out[n].cr3 = (uint32_t)sp->pt.root;
		n++;
	}
	return n;
}

bool shadow_adopt(struct shadow *s, uint32_t cr3)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++) {
		struct shadow_space *sp = &s->spaces[i];

		if (sp->used && (uint32_t)sp->pt.root == cr3) {
			sp->last_used = ++s->clock;
			s->cur = sp;
			return true;
		}
	}
	return false;
}

struct check_ctx {
	struct shadow *s;
	struct shadow_space *sp;
	const char *why;
};

static bool check_leaf(void *ctx, uint32_t va, uint64_t pte)
{
	struct check_ctx *c = ctx;
	hpa_t hpa = pte & (c->s->host_mode == PAGING_PAE ? PAE_ADDR_MASK
							 : PT2_ADDR_MASK);
	struct gwalk w;

	if (walk(c->s, c->sp, va, 0, false, &w) != GW_OK)
		c->why = "a shadow entry maps what the guest does not map";
	else if (guest_mem_hpa(c->s->mem, w.page) != hpa)
		c->why = "a shadow entry maps another frame than the guest's";
	else if ((pte & PTE_W) && !(w.writable && w.dirty))
		c->why = "a writable shadow entry for a clean or read-only page";
	else if ((pte & PTE_U) && !w.user)
		c->why = "a user shadow entry for a supervisor page";
	else if (c->s->host_nx && !(pte & PTE_NX) && w.nx)
		c->why = "an executable shadow entry for a no-execute page";
	return c->why == NULL;
}

const char *shadow_check(struct shadow *s)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++) {
		struct check_ctx c = { s, &s->spaces[i], NULL };

		if (!s->spaces[i].used)
			continue;
		hostpt_for_each(&s->spaces[i].pt, 0, s->reserve_top, check_leaf, &c);
		if (c.why)
			return c.why;
	}
	return NULL;
}
