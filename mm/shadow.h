/*
 * The shadow pager. The CPU never uses a guest's own page tables: it runs
 * on shadow tables in the host's format, which the hypervisor fills lazily
 * from the guest's tables as the guest faults, and which map nothing but
 * the guest's own frames and, in the top directory slot, the switcher.
 *
 * Several shadow address spaces are cached, one per recently used guest
 * top-level table ("root"). Mappings at or above the guest's kernel address
 * are the same in every address space: a change there updates every cached
 * shadow, a change below only the one whose root it names.
 *
 * Before the guest installs a table of its own, its address space is the
 * start-up linear map (guest-virtual = guest-physical), root SHADOW_LINEAR.
 *
 * While the guest runs, the switcher may load another cached space by
 * itself (hv/fast_switch.h), but only one shadow_ready_spaces() listed
 * before that entry: its tables complete, its top slot this CPU's. Until
 * shadow_adopt() at the exit, cur names the space the guest entered on.
 *
 * Every entry a shadow holds was checked when it was made. The TLB needs no
 * attention here: shadows only change while the host runs, and entering a
 * guest loads CR3, which drops every translation of the old one.
 *
 * All of a guest's shadow tables come from one frame quota, set aside when
 * the guest is created (shadow_quota() says how many). A table the quota
 * cannot give is found by dropping the guest's own shadows: first whole
 * cached spaces other than the current one, oldest first, then every
 * mapping of the current space. Shadows are only a cache of the guest's
 * tables, so nothing is lost but refills, and what the guest can do never
 * depends on the other guests. A single fault or pin needs at most one
 * page table, and the quota holds the top tables of every space and many
 * page tables more, so the quota never makes a correct guest fail.
 */
#ifndef MM_SHADOW_H
#define MM_SHADOW_H

#include <types.h>
#include "guest_mem.h"
#include "gwalk.h"
#include "frame_quota.h"
#include "hostpt.h"

#define SHADOW_SPACES       4
#define SHADOW_SPARE_TABLES 16      /* per space, for scattered mappings */
#define SHADOW_LINEAR       (~(gpa_t)0)
#define SHADOW_NO_CPU       (~0u)

struct shadow_space {
	gpa_t root;                 /* the guest's table; SHADOW_LINEAR */
	struct hostpt pt;
	unsigned cpu;               /* whose switcher pages are in the top slot */
	uint64_t last_used;
	bool used;
	/* shadow_ready_spaces: the pins were mapped at pt.changes == pins_at. */
	bool pins_seen;
	uint32_t pins_at;
};

struct shadow_stats {
	uint64_t faults_fixed, faults_reflected, prefills, switches, evictions;
	uint64_t fast_switches;     /* of the switches, the switcher's own */
	uint64_t reclaims;          /* spaces dropped or emptied for the quota */
};

struct shadow {
	enum paging_mode host_mode;
	bool host_nx;
	enum guest_pt_format format;
	const struct guest_mem *mem;
	struct frame_quota frames;  /* every table of every space */
	uint32_t reserve_top;       /* the switcher: never mapped for the guest */
	uint32_t kernel_address;    /* global mappings start here */
	struct shadow_space spaces[SHADOW_SPACES];
	struct shadow_space *cur;
	uint64_t clock;
	bool cur_emptied;           /* since shadow_pins_lost() last asked */
	gva_t pins_first;           /* the kernel stack: shadow_set_pins() */
	unsigned pins_count;
	/*
	 * (id, epoch) names one state of every space's tables, top slots
	 * and roots, and of the pins, for as long as the hypervisor runs:
	 * id is unique to this shadow_create(), and every change counts in
	 * epoch (through each hostpt's owner_changes, space_init and
	 * shadow_set_pins).
	 */
	uint32_t id;
	uint64_t epoch;
	struct shadow_stats stats;
};

enum shadow_fault {
	SF_FIXED,                   /* mapped now: run the guest again */
	SF_REFLECT,                 /* a real fault: give it to the guest */
	SF_KILL,                    /* the guest broke a rule */
};

/*
 * The quota for a guest with mem_bytes of memory: enough page tables for
 * every cached space to map all of that memory twice (a kernel's view and
 * a process's) plus SHADOW_SPARE_TABLES more, capped at what the address
 * space below the switcher can use, and the top tables of every space.
 */
uint32_t shadow_quota(enum paging_mode host_mode, uint64_t mem_bytes,
		      uint32_t reserve_top);

/*
 * Sets quota frames aside from pool and starts with the linear map as the
 * current address space. False, with nothing taken, when pool lacks them.
 */
bool shadow_create(struct shadow *s, enum paging_mode host_mode, bool host_nx,
		   struct frame_pool *pool, const struct guest_mem *mem,
		   uint32_t reserve_top, uint32_t quota);

/* Returns every frame of the quota to the pool (never the switcher's). */
void shadow_destroy(struct shadow *s);

/*
 * A page fault at gva with the CPU's error code. SF_REFLECT sets *error to
 * the code the guest must see; SF_KILL sets *why.
 */
enum shadow_fault shadow_fault(struct shadow *s, gva_t gva, uint32_t pfec,
			       uint32_t *error, const char **why);

/* The guest loads a new top-level table (in its format). NULL or why not. */
const char *shadow_set_root(struct shadow *s, enum guest_pt_format format,
			    gpa_t root);

/*
 * The guest changed the entry for gva in the tables under root: refresh
 * that page, filling it at once when the guest entry is already accessed
 * (and dirty, for a writable one). NULL or why the guest must die.
 */
const char *shadow_set_pte(struct shadow *s, gpa_t root, gva_t gva);

/* The guest changed a directory (span bytes around gva) under root. */
const char *shadow_invalidate(struct shadow *s, gpa_t root, gva_t gva,
			      uint64_t span);

/* Drops the current space's user mappings, or every mapping of every space. */
void shadow_flush(struct shadow *s, bool all);

/* Maps gva now (writable), as for the kernel stack. NULL or why not. */
const char *shadow_pin(struct shadow *s, gva_t gva);

/*
 * Whether the quota emptied the current space since the last call, taking
 * pinned pages with it: the caller pins them again.
 */
bool shadow_pins_lost(struct shadow *s);

/* Puts CPU cpu's switcher table into the current space's top slot. */
void shadow_use_cpu(struct shadow *s, unsigned cpu, hpa_t switcher_pt);

/* A space the switcher may load without the hypervisor (switcher.h). */
struct shadow_ready {
	uint32_t root;              /* the guest's top-level table */
	uint32_t cr3;               /* its shadow's */
};

/*
 * The kernel stack's pages: count of them from first down, page by page
 * (a trap must never fault on them). A change counts in the epoch.
 */
void shadow_set_pins(struct shadow *s, gva_t first, unsigned count);

/*
 * The cached spaces a NEW_PGTABLE may switch to with no exit: every one
 * but the linear map that maps each pin writable, their top slots given
 * CPU cpu's switcher table. Up to max go to out; returns how many.
 */
unsigned shadow_ready_spaces(struct shadow *s, unsigned cpu, hpa_t switcher_pt,
			     struct shadow_ready *out, unsigned max);

/*
 * The switcher loaded the shadow whose top table is at cr3, one that
 * shadow_ready_spaces() gave: it becomes the current space (and the most
 * recently used). False when no cached space has that table.
 */
bool shadow_adopt(struct shadow *s, uint32_t cr3);

static inline uint32_t shadow_cr3(const struct shadow *s)
{
	return (uint32_t)s->cur->pt.root;
}

/*
 * Checks every cached space against the guest's current tables: a present
 * entry maps the frame the guest maps there, writable only if the guest
 * entry is writable and dirty, user only if the guest allows it; nothing
 * maps the switcher's reserve. NULL, or what is wrong.
 */
const char *shadow_check(struct shadow *s);

#endif
