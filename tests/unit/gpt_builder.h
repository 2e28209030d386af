/* Guest page tables built in guest memory, and walkers independent of mm/. */
#ifndef TESTS_GPT_BUILDER_H
#define TESTS_GPT_BUILDER_H

#include <stdio.h>
#include <stdlib.h>
#include <mm/guest_mem.h>
#include <mm/gwalk.h>
#include "sim_phys.h"

/* Raw x86 entry bits, spelled out rather than taken from x86/pte.h. */
#define G_P             0x001ull
#define G_W             0x002ull
#define G_U             0x004ull
#define G_PWT           0x008ull
#define G_PCD           0x010ull
#define G_A             0x020ull
#define G_D             0x040ull
#define G_PS            0x080ull
#define G_NX            (1ull << 63)
#define G_ADDR32        0xFFFFF000ull
#define G_ADDR64        0x000FFFFFFFFFF000ull
#define G_HIGH_RSVD     0x7FF0000000000000ull   /* PAE bits 52-62 */
/* PAE PDPT entry: bits 1-2, 5-8 and 52-63 are reserved; 9-11 are ignored. */
#define G_PDPTE_RSVD    (0xFFF0000000000000ull | 0x1E6ull)
#define G_LARGE2_RSVD   0x003FE000ull           /* bits 13-21 of a 4 MiB PDE */
#define G_LARGE64_RSVD  0x001FE000ull           /* bits 13-20 of a 2 MiB PDE */

/* Page-fault error code bits, as the CPU reports them. */
#define E_P             0x01u
#define E_W             0x02u
#define E_U             0x04u
#define E_I             0x10u

/* An access: combine. */
#define ACC_WRITE       1u
#define ACC_USER        2u
#define ACC_FETCH       4u

#define GPT_NONE        (~(gpa_t)0)
#define GPT_FREE_MAX    256u

/* What a builder call changed, the level the guest must report. */
enum gpt_change {
	GPT_CH_NONE,
	GPT_CH_PTE,         /* SET_PTE */
	GPT_CH_PDE,         /* a directory entry: SET_PMD, or SET_PGD on 2-level */
	GPT_CH_TOP,         /* a PAE PDPT entry: SET_PGD */
};

struct gpt {
	const struct guest_mem *mem;
	bool pae;
	gpa_t next, end;            /* bump allocator for table pages */
	gpa_t free[GPT_FREE_MAX];   /* released table pages, reused first */
	unsigned nfree;
};

static inline void gpt_init(struct gpt *g, const struct guest_mem *m,
			    enum guest_pt_format f, gpa_t lo, gpa_t hi)
{
	*g = (struct gpt){ .mem = m, .pae = f == GPT_PAE, .next = lo, .end = hi };
}

static inline unsigned gpt_esize(const struct gpt *g)
{
	return g->pae ? 8 : 4;
}

static inline uint64_t gpt_mask(const struct gpt *g)
{
	return g->pae ? G_ADDR64 : G_ADDR32;
}

static inline uint64_t gpt_span(const struct gpt *g)
{
	return g->pae ? 2 * MiB : 4 * MiB;
}

static inline NORETURN void gpt_die(const char *what, gpa_t at)
{
	fprintf(stderr, "gpt: %s at 0x%llx\n", what, (unsigned long long)at);
	abort();
}

static inline uint64_t gpt_get(const struct gpt *g, gpa_t at)
{
	uint64_t v = 0;

	if (!guest_mem_read(g->mem, at, &v, gpt_esize(g)))
		gpt_die("read outside guest memory", at);
	return v;
}

static inline void gpt_put(const struct gpt *g, gpa_t at, uint64_t v)
{
	if (!g->pae && (v >> 32))
		gpt_die("a 64-bit value in a 2-level entry", at);
	if (!guest_mem_write(g->mem, at, &v, gpt_esize(g)))
		gpt_die("write outside guest memory", at);
}

static inline void gpt_set_bits(const struct gpt *g, gpa_t at, uint64_t set,
				uint64_t clear)
{
	gpt_put(g, at, (gpt_get(g, at) & ~clear) | set);
}

/* A zeroed page for a table. */
static inline gpa_t gpt_alloc(struct gpt *g)
{
	static const uint8_t zero[PAGE_SIZE];
	gpa_t pa;

	if (g->nfree) {
		pa = g->free[--g->nfree];
	} else {
		if (g->next + PAGE_SIZE > g->end)
			gpt_die("out of table pages", g->next);
		pa = g->next;
		g->next += PAGE_SIZE;
	}
	if (!guest_mem_write(g->mem, pa, zero, PAGE_SIZE))
		gpt_die("table outside guest memory", pa);
	return pa;
}

static inline void gpt_release(struct gpt *g, gpa_t pa)
{
	if (g->nfree == GPT_FREE_MAX)
		gpt_die("free list full", pa);
	g->free[g->nfree++] = pa;
}

/* A new, empty top-level table: a page directory, or a PDPT. */
static inline gpa_t gpt_new_root(struct gpt *g)
{
	return gpt_alloc(g);
}

/* The top-level entry covering gva: a PDE on 2-level, a PDPTE on PAE. */
static inline gpa_t gpt_top_slot(const struct gpt *g, gpa_t root, uint32_t gva)
{
	return g->pae ? root + (gva >> 30) * 8ull : root + (gva >> 22) * 4ull;
}

/* The directory entry for gva; with create, a missing PAE directory is made. */
static inline gpa_t gpt_pde_slot(struct gpt *g, gpa_t root, uint32_t gva,
				 bool create, enum gpt_change *ch)
{
	gpa_t top = gpt_top_slot(g, root, gva);
	uint64_t e;

	if (!g->pae)
		return top;
	e = gpt_get(g, top);
	if (!(e & G_P)) {
		if (!create)
			return GPT_NONE;
		e = gpt_alloc(g) | G_P;
		gpt_put(g, top, e);
		*ch = GPT_CH_TOP;
	}
	return (e & G_ADDR64) + ((gva >> 21) & 511) * 8ull;
}

/* The page-table entry for gva; with create, a table replaces a large page. */
static inline gpa_t gpt_pte_slot(struct gpt *g, gpa_t root, uint32_t gva,
				 bool create, enum gpt_change *ch)
{
	gpa_t pde = gpt_pde_slot(g, root, gva, create, ch);
	unsigned index = (gva >> 12) & (g->pae ? 511 : 1023);
	uint64_t e;

	if (pde == GPT_NONE)
		return GPT_NONE;
	e = gpt_get(g, pde);
	if (!(e & G_P) || (e & G_PS)) {
		if (!create)
			return GPT_NONE;
		e = gpt_alloc(g) | G_P | G_W | G_U;
		gpt_put(g, pde, e);
		if (*ch < GPT_CH_PDE)
			*ch = GPT_CH_PDE;
	}
	return (e & gpt_mask(g)) + index * (gpa_t)gpt_esize(g);
}

/* The leaf entry for gva (PTE, or a large page's PDE), or GPT_NONE. */
static inline gpa_t gpt_leaf_slot(struct gpt *g, gpa_t root, uint32_t gva)
{
	enum gpt_change ch = GPT_CH_NONE;
	gpa_t pde = gpt_pde_slot(g, root, gva, false, &ch);

	if (pde == GPT_NONE || !(gpt_get(g, pde) & G_P))
		return GPT_NONE;
	if (gpt_get(g, pde) & G_PS)
		return pde;
	return gpt_pte_slot(g, root, gva, false, &ch);
}

/* Entry flags as this format holds them: no NX on 2-level. */
static inline uint64_t gpt_flags(const struct gpt *g, uint64_t flags)
{
	return g->pae ? flags : flags & ~G_NX;
}

/* Maps the 4 KiB page at gva to gpa; flags: W U A D NX PWT PCD. */
static inline enum gpt_change gpt_map(struct gpt *g, gpa_t root, uint32_t gva,
				      gpa_t gpa, uint64_t flags)
{
	enum gpt_change ch = GPT_CH_PTE;
	gpa_t pte = gpt_pte_slot(g, root, gva, true, &ch);

	gpt_put(g, pte, gpa | G_P | gpt_flags(g, flags));
	return ch;
}

/* Releases the page table under a directory entry about to be replaced. */
static inline void gpt_drop_table(struct gpt *g, gpa_t pde)
{
	uint64_t e = gpt_get(g, pde);

	if ((e & G_P) && !(e & G_PS))
		gpt_release(g, e & gpt_mask(g));
}

/* Maps the large page (4 MiB or 2 MiB) around gva to gpa with PS. */
static inline enum gpt_change gpt_map_large(struct gpt *g, gpa_t root,
					    uint32_t gva, gpa_t gpa,
					    uint64_t flags)
{
	enum gpt_change ch = GPT_CH_PDE;
	gpa_t pde = gpt_pde_slot(g, root, gva, true, &ch);

	gpt_drop_table(g, pde);
	gpt_put(g, pde, gpa | G_P | G_PS | gpt_flags(g, flags));
	return ch;
}

static inline enum gpt_change gpt_unmap(struct gpt *g, gpa_t root,
					uint32_t gva)
{
	enum gpt_change ch = GPT_CH_NONE;
	gpa_t pte = gpt_pte_slot(g, root, gva, false, &ch);

	if (pte == GPT_NONE)
		return GPT_CH_NONE;
	gpt_put(g, pte, 0);
	return GPT_CH_PTE;
}

/* Clears gva's directory entry (and forgets its page table). */
static inline enum gpt_change gpt_unmap_dir(struct gpt *g, gpa_t root,
					    uint32_t gva)
{
	enum gpt_change ch = GPT_CH_NONE;
	gpa_t pde = gpt_pde_slot(g, root, gva, false, &ch);

	if (pde == GPT_NONE)
		return GPT_CH_NONE;
	gpt_drop_table(g, pde);
	gpt_put(g, pde, 0);
	return GPT_CH_PDE;
}

/* ---- The reference walker: the x86 rules, read straight from memory. ---- */

enum ref_kind {
	REF_MAPPED,
	REF_NOT_PRESENT,            /* some entry on the way is not present */
	REF_BAD,                    /* an entry breaks the rules: kill */
};

struct ref {
	enum ref_kind kind;
	gpa_t page;                 /* the 4 KiB page gva maps */
	bool w, u, nx;              /* combined over every level */
	gpa_t top, pde, pte, leaf;  /* entries reached, or GPT_NONE */
};

static inline struct ref *ref_bad(struct ref *r)
{
	r->kind = REF_BAD;
	return r;
}

static inline void ref_fold(const struct gpt *g, struct ref *r, uint64_t e)
{
	r->w = r->w && (e & G_W);
	r->u = r->u && (e & G_U);
	r->nx = r->nx || (g->pae && (e & G_NX));
}

static inline struct ref *ref_large(const struct gpt *g, struct ref *r,
				    uint32_t gva, uint64_t e)
{
	uint64_t span = gpt_span(g);
	uint64_t base = e & (g->pae ? G_ADDR64 : G_ADDR32) & ~(span - 1);

	if (e & (g->pae ? G_LARGE64_RSVD : G_LARGE2_RSVD))
		return ref_bad(r);
	if (base + span > g->mem->bytes)
		return ref_bad(r);
	r->leaf = r->pde;
	r->page = base + (gva & (span - 1) & ~(uint64_t)(PAGE_SIZE - 1));
	r->kind = REF_MAPPED;
	return r;
}

/* The PAE PDPT entry: gives the directory, or settles the walk. */
static inline bool ref_pdpte(const struct gpt *g, struct ref *r, gpa_t root,
			     uint32_t gva, gpa_t *dir)
{
	uint64_t e;

	r->top = root + (gva >> 30) * 8ull;
	if (r->top + 8 > g->mem->bytes) {
		ref_bad(r);
		return false;
	}
	e = gpt_get(g, r->top);
	if (!(e & G_P))
		return false;
	*dir = e & G_ADDR64;
	if ((e & G_PDPTE_RSVD) || *dir >= g->mem->bytes) {
		ref_bad(r);
		return false;
	}
	return true;
}

static inline struct ref *ref_table(const struct gpt *g, struct ref *r,
				    uint32_t gva, uint64_t pde)
{
	gpa_t table = pde & gpt_mask(g);
	uint64_t e;

	if (table >= g->mem->bytes)
		return ref_bad(r);
	r->pte = table + ((gva >> 12) & (g->pae ? 511 : 1023)) * gpt_esize(g);
	e = gpt_get(g, r->pte);
	if (!(e & G_P))
		return r;
	if (g->pae && (e & G_HIGH_RSVD))
		return ref_bad(r);
	if ((e & gpt_mask(g)) >= g->mem->bytes)
		return ref_bad(r);
	ref_fold(g, r, e);
	r->leaf = r->pte;
	r->page = e & gpt_mask(g);
	r->kind = REF_MAPPED;
	return r;
}

static inline struct ref ref_walk(const struct gpt *g, gpa_t root, uint32_t gva)
{
	struct ref r = { REF_NOT_PRESENT, 0, true, true, false,
			 GPT_NONE, GPT_NONE, GPT_NONE, GPT_NONE };
	gpa_t dir = root;
	uint64_t e;

	if (g->pae && !ref_pdpte(g, &r, root, gva, &dir))
		return r;
	r.pde = g->pae ? dir + ((gva >> 21) & 511) * 8ull : root + (gva >> 22) * 4ull;
	if (!g->pae)
		r.top = r.pde;
	if (r.pde + gpt_esize(g) > g->mem->bytes)
		return *ref_bad(&r);
	e = gpt_get(g, r.pde);
	if (!(e & G_P))
		return r;
	if (g->pae && (e & G_HIGH_RSVD))
		return *ref_bad(&r);
	ref_fold(g, &r, e);
	if (e & G_PS)
		return *ref_large(g, &r, gva, e);
	return *ref_table(g, &r, gva, e);
}

/* The start-up linear map: everything below the guest's size, all rights. */
static inline struct ref ref_linear(const struct guest_mem *m, uint32_t gva)
{
	struct ref r = { REF_NOT_PRESENT, 0, true, true, false,
			 GPT_NONE, GPT_NONE, GPT_NONE, GPT_NONE };

	if (gva < m->bytes) {
		r.kind = REF_MAPPED;
		r.page = gva & ~(uint32_t)(PAGE_SIZE - 1);
	}
	return r;
}

/* Whether the guest's tables allow the access (fetch checked if nx). */
static inline bool ref_allows(const struct ref *r, unsigned access, bool nx)
{
	if (r->kind != REF_MAPPED)
		return false;
	if ((access & ACC_WRITE) && !r->w)
		return false;
	if ((access & ACC_USER) && !r->u)
		return false;
	return !(nx && (access & ACC_FETCH) && r->nx);
}

/* The error code of a fault the guest must see for the access. */
static inline uint32_t ref_error(const struct ref *r, unsigned access, bool nx)
{
	return (r->kind == REF_MAPPED ? E_P : 0) |
	       ((access & ACC_WRITE) ? E_W : 0) |
	       ((access & ACC_USER) ? E_U : 0) |
	       ((nx && (access & ACC_FETCH)) ? E_I : 0);
}

/* ---- The CPU's view of a shadow: a host table walk from raw memory. ---- */

struct hwalk {
	bool present;
	hpa_t frame;
	bool w, u, nx;
	uint64_t pte;
};

static inline struct hwalk host_walk(hpa_t root, bool pae, uint32_t va)
{
	struct hwalk h = { 0 };
	uint64_t pde, pte;

	if (pae) {
		uint64_t pdpte = ((uint64_t *)sim_ptr(root))[va >> 30];

		if (!(pdpte & G_P))
			return h;
		pde = ((uint64_t *)sim_ptr(pdpte & G_ADDR64))[(va >> 21) & 511];
		if (!(pde & G_P))
			return h;
		pte = ((uint64_t *)sim_ptr(pde & G_ADDR64))[(va >> 12) & 511];
	} else {
		pde = ((uint32_t *)sim_ptr(root))[va >> 22];
		if (!(pde & G_P))
			return h;
		pte = ((uint32_t *)sim_ptr(pde & G_ADDR32))[(va >> 12) & 1023];
	}
	if (!(pte & G_P))
		return h;
	h.present = true;
	h.pte = pte;
	h.frame = pte & (pae ? G_ADDR64 : G_ADDR32);
	h.w = (pde & G_W) && (pte & G_W);
	h.u = (pde & G_U) && (pte & G_U);
	h.nx = ((pde | pte) & G_NX) != 0;
	return h;
}

/* Whether the CPU lets the access through (supervisor writes need W). */
static inline bool host_allows(const struct hwalk *h, unsigned access)
{
	if (!h->present)
		return false;
	if ((access & ACC_WRITE) && !h->w)
		return false;
	if ((access & ACC_USER) && !h->u)
		return false;
	return !((access & ACC_FETCH) && h->nx);
}

/* The error code the CPU reports for a faulting access (I/D with NX on). */
static inline uint32_t host_pfec(const struct hwalk *h, unsigned access, bool nx)
{
	return (h->present ? E_P : 0) |
	       ((access & ACC_WRITE) ? E_W : 0) |
	       ((access & ACC_USER) ? E_U : 0) |
	       ((nx && (access & ACC_FETCH)) ? E_I : 0);
}

#endif
