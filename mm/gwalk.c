#include <x86/pte.h>
#include "gwalk.h"

#define PT2_LARGE_MASK      0xFFC00000u          /* 4 MiB page frame */
#define PAE_LARGE_MASK      0x000FFFFFFFE00000ull /* 2 MiB page frame */
#define PT2_PSE_RESERVED    0x003FE000u          /* bits 13-21 of a 4 MiB PDE */
#define PAE_RESERVED_HIGH   0x7FF0000000000000ull /* bits 52-62 */
#define PAE_LARGE_RESERVED  0x00000000001FE000ull /* bits 13-20 of a 2 MiB PDE */
#define PDPTE_IGNORED       0xE00ull                /* bits 9-11: the OS's */
#define PDPTE_RESERVED      (~(PAE_ADDR_MASK | PDPTE_ALLOWED | PDPTE_IGNORED))

struct entry {
	uint64_t value;
	gpa_t gpa;
};

static bool read_entry(const struct guest_mem *m, enum guest_pt_format f,
		       gpa_t table, unsigned index, struct entry *e)
{
	unsigned size = f == GPT_PAE ? 8 : 4;

	e->gpa = table + (gpa_t)index * size;
	e->value = 0;
	return guest_mem_read_word(m, e->gpa, size, &e->value);
}


static gpa_t frame_of(enum guest_pt_format f, uint64_t v)
{
	return f == GPT_PAE ? (v & PAE_ADDR_MASK) : (v & PT2_ADDR_MASK);
}

static enum gwalk_result bad(struct gwalk *w, const char *why, gpa_t where)
{
	w->why = why;
	w->bad_gpa = where;
	return GW_BAD;
}

/* The error code the CPU would report; only NX-capable (PAE) tables
 * report instruction fetches. */
static enum gwalk_result fault(struct gwalk *w, enum guest_pt_format f,
			       unsigned access, bool present)
{
	w->error = (present ? PFEC_PRESENT : 0) |
		   ((access & GW_WRITE) ? PFEC_WRITE : 0) |
		   ((access & GW_USER) ? PFEC_USER : 0) |
		   ((f == GPT_PAE && (access & GW_FETCH)) ? PFEC_FETCH : 0);
	return GW_FAULT;
}

/* Rights of one present entry, folded into the walk. */
static void fold(struct gwalk *w, enum guest_pt_format f, uint64_t v)
{
	w->writable = w->writable && (v & PTE_W);
	w->user = w->user && (v & PTE_U);
	if (f == GPT_PAE && (v & PTE_NX))
		w->nx = true;
}

static bool allowed(const struct gwalk *w, unsigned access)
{
	if ((access & GW_WRITE) && !w->writable)
		return false;
	if ((access & GW_USER) && !w->user)
		return false;
	return !((access & GW_FETCH) && w->nx);
}

/* The directory that covers gva: the root itself, or via a PDPT entry. */
static enum gwalk_result directory(const struct guest_mem *m,
				   enum guest_pt_format f, gpa_t root,
				   gva_t gva, unsigned access,
				   struct gwalk *w, gpa_t *dir)
{
	struct entry pdpte;

	if (f == GPT_2LEVEL) {
		*dir = root;
		return GW_OK;
	}
	if (!read_entry(m, f, root, gva >> PAE_PDPTE_SHIFT, &pdpte))
		return bad(w, "page table outside guest memory", root);
	if (!(pdpte.value & PTE_P))
		return fault(w, f, access, false);
	if (pdpte.value & PDPTE_RESERVED)
		return bad(w, "PDPT entry with reserved bits set", pdpte.gpa);
	*dir = frame_of(f, pdpte.value);
	return GW_OK;
}

static bool large_reserved(enum guest_pt_format f, uint64_t v)
{
	if (f == GPT_PAE)
		return (v & (PAE_LARGE_RESERVED | PAE_RESERVED_HIGH)) != 0;
	return (v & PT2_PSE_RESERVED) != 0;
}

/* A and D are in the entry's low half, in either format; an entry the
 * guest rewrote since the walk read it keeps what the guest wrote. */
static void set_ad(const struct guest_mem *m, struct entry *e, bool dirty)
{
	uint64_t want = e->value | PTE_A | (dirty ? PTE_D : 0);

	if (want != e->value &&
	    guest_mem_update_word(m, e->gpa, (uint32_t)e->value,
				  (uint32_t)want))
		e->value = want;
}

enum gwalk_result gwalk(const struct guest_mem *m, enum guest_pt_format f,
			gpa_t root, gva_t gva, unsigned access, bool mark,
			struct gwalk *w)
{
	struct entry pde, pte;
	enum gwalk_result r;
	unsigned index;
	gpa_t dir;

	*w = (struct gwalk){ .writable = true, .user = true };
	if ((r = directory(m, f, root, gva, access, w, &dir)) != GW_OK)
		return r;
	index = f == GPT_PAE ? (gva >> PAE_PDE_SHIFT) & (PAE_ENTRIES - 1)
			     : gva >> PT2_PDE_SHIFT;
	if (!read_entry(m, f, dir, index, &pde))
		return bad(w, "page directory outside guest memory", dir);
	if (!(pde.value & PTE_P))
		return fault(w, f, access, false);
	if (f == GPT_PAE && (pde.value & PAE_RESERVED_HIGH))
		return bad(w, "directory entry with reserved bits set", pde.gpa);
	fold(w, f, pde.value);

	if (pde.value & PTE_PS) {
		gpa_t base = f == GPT_PAE ? (pde.value & PAE_LARGE_MASK)
					  : (pde.value & PT2_LARGE_MASK);
		uint64_t span = gwalk_dir_span(f);

		if (large_reserved(f, pde.value))
			return bad(w, "large page with reserved bits set", pde.gpa);
		if (base + span > m->bytes)
			return bad(w, "large page past guest memory", pde.gpa);
		if (!allowed(w, access))
			return fault(w, f, access, true);
		w->page = base + ((gva & (span - 1)) & ~(uint32_t)(PAGE_SIZE - 1));
		w->leaf_gpa = pde.gpa;
		w->leaf_level = 2;
		if (mark)
			set_ad(m, &pde, access & GW_WRITE);
		w->accessed = pde.value & PTE_A;
		w->dirty = pde.value & PTE_D;
		return GW_OK;
	}

	index = (gva >> PTE_INDEX_SHIFT) & ((f == GPT_PAE ? PAE_ENTRIES : PT2_ENTRIES) - 1);
	if (frame_of(f, pde.value) >= m->bytes)
		return bad(w, "directory entry points past guest memory", pde.gpa);
	if (!read_entry(m, f, frame_of(f, pde.value), index, &pte))
		return bad(w, "page table outside guest memory", pde.gpa);
	if (!(pte.value & PTE_P))
		return fault(w, f, access, false);
	if (f == GPT_PAE && (pte.value & PAE_RESERVED_HIGH))
		return bad(w, "page-table entry with reserved bits set", pte.gpa);
	fold(w, f, pte.value);
	if (frame_of(f, pte.value) >= m->bytes)
		return bad(w, "page-table entry points past guest memory", pte.gpa);
	if (!allowed(w, access))
		return fault(w, f, access, true);
	w->page = frame_of(f, pte.value);
	w->leaf_gpa = pte.gpa;
	w->leaf_level = 1;
	if (mark) {
		set_ad(m, &pde, false);
		set_ad(m, &pte, access & GW_WRITE);
	}
	w->accessed = pte.value & PTE_A;
	w->dirty = pte.value & PTE_D;
	return GW_OK;
}

const char *gwalk_check_root(const struct guest_mem *m,
			     enum guest_pt_format f, gpa_t root)
{
	unsigned i;

	if (f == GPT_2LEVEL)
		return (root & (PAGE_SIZE - 1)) || root >= m->bytes ?
		       "page directory outside guest memory or unaligned" : NULL;
	if ((root & 31) || root + 32 > m->bytes)
		return "PDPT outside guest memory or not 32-byte aligned";
	for (i = 0; i < PAE_PDPT_ENTRIES; i++) {
		struct entry e;

		read_entry(m, f, root, i, &e);
		if (!(e.value & PTE_P))
			continue;
		if (e.value & PDPTE_RESERVED)
			return "PDPT entry with reserved bits set";
		if (frame_of(f, e.value) >= m->bytes)
			return "PDPT entry points past guest memory";
	}
	return NULL;
}

uint64_t gwalk_top_span(enum guest_pt_format f)
{
	return f == GPT_PAE ? (1ull << PAE_PDPTE_SHIFT) : (1ull << PT2_PDE_SHIFT);
}

uint64_t gwalk_dir_span(enum guest_pt_format f)
{
	return f == GPT_PAE ? (1ull << PAE_PDE_SHIFT) : (1ull << PT2_PDE_SHIFT);
}
