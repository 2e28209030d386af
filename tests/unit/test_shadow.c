/* The shadow pager, case by case, for every guest format on every host format. */
#include <mm/shadow.h>
#include "check.h"
#include "shadow_combos.h"
#include "gpt_builder.h"
#include "sim_phys.h"

#define POOL_LO         (1 * MiB)
#define POOL_HI         ((hpa_t)SIM_MEM_SIZE)
#define DIRECT_LIMIT    (16 * MiB)
#define GUEST_BYTES     (9u * MiB)      /* a large page can straddle the end */
#define TABLES_LO       (1 * MiB)       /* guest page tables: [1 MiB, 2 MiB) */
#define TABLES_HI       (2 * MiB)
#define KERNEL          0xC0000000u
#define UA              0x00400000u     /* a user address, 4 MiB aligned */
#define KA              0xC0000000u     /* a kernel address */


static const struct combo *C;
static struct mem_range store[4];
static struct frame_pool pool;
static struct guest_mem mem;
static struct gpt G;
static struct shadow S;
static hpa_t sw[2];                     /* dummy switcher tables, per CPU */
static uint64_t free_start;
static uint32_t last_error;
static const char *last_why;
static char case_name[128];

static bool pae_guest(void)
{
	return C->guest == GPT_PAE;
}

static bool pae_host(void)
{
	return C->host == PAGING_PAE;
}

static uint32_t reserve_top(void)
{
	return pae_host() ? 0xFFE00000u : 0xFFC00000u;
}

static uint64_t span(void)
{
	return gpt_span(&G);
}

static hpa_t hpa(gpa_t gpa)
{
	return guest_mem_hpa(&mem, gpa);
}

/* ---- The switcher's table: a recognisable pattern, never to change. ---- */

static void sw_fill(unsigned cpu)
{
	uint32_t *t = sim_ptr(sw[cpu]);
	unsigned i;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		t[i] = 0x5A000000u ^ (cpu << 16) ^ i;
}

static bool sw_pattern_ok(unsigned cpu)
{
	uint32_t *t = sim_ptr(sw[cpu]);
	unsigned i;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		if (t[i] != (0x5A000000u ^ (cpu << 16) ^ i))
			return false;
	return true;
}

/* The host directory entry of space sp at the reserve, read raw. */
static uint64_t top_slot(const struct shadow_space *sp)
{
	uint32_t rt = reserve_top();

	if (pae_host()) {
		uint64_t pdpte = ((uint64_t *)sim_ptr(sp->pt.root))[rt >> 30];

		return ((uint64_t *)sim_ptr(pdpte & G_ADDR64))[(rt >> 21) & 511];
	}
	return ((uint32_t *)sim_ptr(sp->pt.root))[rt >> 22];
}

/* Every space that ran on a CPU has that CPU's table, untouched, on top. */
static bool switcher_intact(void)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++) {
		const struct shadow_space *sp = &S.spaces[i];

		if (!sp->used || sp->cpu == SHADOW_NO_CPU)
			continue;
		if (sp->cpu >= 2 || top_slot(sp) != (sw[sp->cpu] | G_P | G_W))
			return false;
	}
	return sw_pattern_ok(0) && sw_pattern_ok(1) &&
	       !frame_is_free(&pool, sw[0]) && !frame_is_free(&pool, sw[1]);
}

/* ---- Set-up and teardown around every case. ---- */

static void setup(const struct combo *c)
{
	struct mem_ranges usable = { store, 0, ARRAY_SIZE(store), 0 };
	unsigned i;

	C = c;
	sim_reset();
	memranges_add(&usable, POOL_LO, POOL_HI);
	CHECK(frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	free_start = pool.free;
	CHECK(guest_mem_alloc(&mem, GUEST_BYTES, &pool));
	gpt_init(&G, &mem, c->guest, TABLES_LO, TABLES_HI);
	CHECK(shadow_create(&S, c->host, c->nx, &pool, &mem, reserve_top(),
			    shadow_quota(c->host, GUEST_BYTES, reserve_top())));
	S.kernel_address = KERNEL;
	for (i = 0; i < 2; i++) {
		sw[i] = frame_alloc(&pool, FRAME_DIRECT);
		sw_fill(i);
	}
	shadow_use_cpu(&S, 0, sw[0]);
}

static void teardown(void)
{
	unsigned i;

	CHECK_NULL(shadow_check(&S));
	CHECK(switcher_intact());
	shadow_destroy(&S);
	for (i = 0; i < 2; i++) {
		CHECK(sw_pattern_ok(i));
		CHECK(frame_free(&pool, sw[i]));
	}
	guest_mem_free(&mem, &pool);
	CHECK_EQ(pool.free, free_start);
}

/* ---- Small helpers. ---- */

static struct hwalk hw_in(const struct shadow_space *sp, uint32_t gva)
{
	struct hwalk h = host_walk(sp->pt.root, pae_host(), gva);
	uint64_t e = hostpt_entry(&sp->pt, gva);

	CHECK_EQ(h.present ? h.pte : 0, (e & G_P) ? e : 0);
	return h;
}

static struct hwalk hw(uint32_t gva)
{
	return hw_in(S.cur, gva);
}

static bool cpu_allows(uint32_t gva, unsigned access)
{
	struct hwalk h = hw(gva);

	return host_allows(&h, access);
}

static struct shadow_space *space_of(gpa_t root)
{
	unsigned i;

	for (i = 0; i < SHADOW_SPACES; i++)
		if (S.spaces[i].used && S.spaces[i].root == root)
			return &S.spaces[i];
	return NULL;
}

static enum shadow_fault fault(uint32_t gva, uint32_t pfec)
{
	last_error = 0xDEAD;
	last_why = NULL;
	return shadow_fault(&S, gva, pfec, &last_error, &last_why);
}

static void set_root(gpa_t root)
{
	CHECK_NULL(shadow_set_root(&S, C->guest, root));
	shadow_use_cpu(&S, 0, sw[0]);
}

static uint64_t leaf(gpa_t root, uint32_t gva)
{
	gpa_t at = gpt_leaf_slot(&G, root, gva);

	return at == GPT_NONE ? 0 : gpt_get(&G, at);
}

static uint64_t pde(gpa_t root, uint32_t gva)
{
	enum gpt_change ch = GPT_CH_NONE;
	gpa_t at = gpt_pde_slot(&G, root, gva, false, &ch);

	return at == GPT_NONE ? 0 : gpt_get(&G, at);
}

static gpa_t pde_at(gpa_t root, uint32_t gva)
{
	enum gpt_change ch = GPT_CH_NONE;

	return gpt_pde_slot(&G, root, gva, true, &ch);
}

/* Kernel mappings are the same in every root: share the top-level entry. */
static void share_top(gpa_t from, gpa_t to, uint32_t gva)
{
	gpt_put(&G, gpt_top_slot(&G, to, gva),
		gpt_get(&G, gpt_top_slot(&G, from, gva)));
}

/* A root with one page mapped, loaded. */
static gpa_t root_with(uint32_t gva, gpa_t gpa, uint64_t flags)
{
	gpa_t root = gpt_new_root(&G);

	gpt_map(&G, root, gva, gpa, flags);
	set_root(root);
	return root;
}

#define CHECK_FIXED(gva, pfec)          CHECK_EQ(fault(gva, pfec), SF_FIXED)

#define CHECK_REFLECT(gva, pfec, err)                                        \
	do {                                                                 \
		CHECK_EQ(fault(gva, pfec), SF_REFLECT);                      \
		CHECK_EQ(last_error, err);                                   \
	} while (0)

#define CHECK_KILL(gva, pfec)                                                \
	do {                                                                 \
		CHECK_EQ(fault(gva, pfec), SF_KILL);                         \
		CHECK(last_why != NULL);                                     \
	} while (0)

#define CHECK_MAPS_IN(sp, gva, gpa, wr, us)                                  \
	do {                                                                 \
		struct hwalk h_ = hw_in(sp, gva);                            \
		CHECK(h_.present);                                           \
		CHECK_EQ(h_.frame, hpa(gpa));                                \
		CHECK_EQ(h_.w, (wr));                                        \
		CHECK_EQ(h_.u, (us));                                        \
	} while (0)

#define CHECK_MAPS(gva, gpa, wr, us)    CHECK_MAPS_IN(S.cur, gva, gpa, wr, us)
#define CHECK_UNMAPPED_IN(sp, gva)      CHECK(!hw_in(sp, gva).present)
#define CHECK_UNMAPPED(gva)             CHECK_UNMAPPED_IN(S.cur, gva)

/* ---- The cases. ---- */

static void case_read_fault_maps_readonly(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U);
	bool guest_frame = false;
	uint32_t i;

	CHECK_UNMAPPED(UA);
	CHECK_FIXED(UA + 0x123, E_U);
	CHECK_MAPS(UA, 0x500000, false, true);
	CHECK(leaf(root, UA) & G_A);
	CHECK(!(leaf(root, UA) & G_D));
	CHECK(pde(root, UA) & G_A);
	CHECK(cpu_allows(UA, ACC_USER));
	CHECK(!cpu_allows(UA, ACC_WRITE));
	CHECK_UNMAPPED(UA + PAGE_SIZE);
	CHECK_EQ(S.stats.faults_fixed, 1);
	/* The CPU runs on the shadow, never on a table in guest memory. */
	for (i = 0; i < GUEST_BYTES / PAGE_SIZE; i++)
		guest_frame |= hpa((gpa_t)i * PAGE_SIZE) == shadow_cr3(&S);
	CHECK(!guest_frame);
}

static void case_write_fault_sets_dirty(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W);

	gpt_map(&G, root, UA + PAGE_SIZE, 0x501000, G_W);
	/* A write from nothing: dirty at once. */
	CHECK_FIXED(UA, E_W);
	CHECK_MAPS(UA, 0x500000, true, false);
	CHECK((leaf(root, UA) & (G_A | G_D)) == (G_A | G_D));
	/* A read, then a write to the read-only shadow entry. */
	CHECK_FIXED(UA + PAGE_SIZE, 0);
	CHECK_MAPS(UA + PAGE_SIZE, 0x501000, false, false);
	CHECK(!(leaf(root, UA + PAGE_SIZE) & G_D));
	CHECK_FIXED(UA + PAGE_SIZE, E_P | E_W);
	CHECK_MAPS(UA + PAGE_SIZE, 0x501000, true, false);
	CHECK(leaf(root, UA + PAGE_SIZE) & G_D);
}

static void case_write_readonly_reflects(void)
{
	gpa_t root = root_with(UA, 0x500000, G_U);

	CHECK_REFLECT(UA, E_W, E_P | E_W);
	CHECK_REFLECT(UA, E_W | E_U, E_P | E_W | E_U);
	CHECK_UNMAPPED(UA);
	CHECK(!(leaf(root, UA) & G_A));
	CHECK_FIXED(UA, E_U);
	CHECK_REFLECT(UA, E_P | E_W | E_U, E_P | E_W | E_U);
	CHECK_MAPS(UA, 0x500000, false, true);
	CHECK(!(leaf(root, UA) & G_D));
	/* Read-only in the directory, writable in the table. */
	gpt_map(&G, root, 0x00800000, 0x510000, G_W | G_U);
	gpt_set_bits(&G, pde_at(root, 0x00800000), 0, G_W);
	CHECK_REFLECT(0x00800000, E_W, E_P | E_W);
	CHECK_EQ(S.stats.faults_reflected, 4);
}

static void case_user_supervisor_reflects(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W);

	CHECK_REFLECT(UA, E_U, E_P | E_U);
	CHECK_REFLECT(UA, E_U | E_W, E_P | E_W | E_U);
	CHECK_FIXED(UA, 0);
	CHECK_MAPS(UA, 0x500000, false, false);
	CHECK_REFLECT(UA, E_P | E_U, E_P | E_U);
	/* Supervisor in the directory, user in the table. */
	gpt_map(&G, root, 0x00800000, 0x510000, G_W | G_U);
	gpt_set_bits(&G, pde_at(root, 0x00800000), 0, G_U);
	CHECK_REFLECT(0x00800000, E_U, E_P | E_U);
	CHECK_FIXED(0x00800000, E_W);
	CHECK_MAPS(0x00800000, 0x510000, true, false);
}

static void case_not_present(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U);

	/* No directory entry. */
	CHECK_REFLECT(0x00800000, 0, 0);
	CHECK_REFLECT(0x00800000, E_W, E_W);
	CHECK_REFLECT(0x00800000, E_W | E_U, E_W | E_U);
	CHECK_REFLECT(0x00800000, E_U, E_U);
	/* A table, but no entry in it. */
	CHECK_REFLECT(UA + PAGE_SIZE, 0, 0);
	CHECK_REFLECT(UA + PAGE_SIZE, E_W, E_W);
	/* No PDPT entry (PAE), or nothing in that directory slot. */
	CHECK_REFLECT(0x40000000, E_U, E_U);
	CHECK_UNMAPPED(UA + PAGE_SIZE);
	CHECK(!(pde(root, UA) & G_A));
	CHECK_EQ(S.stats.faults_fixed, 0);
}

/* A PAE guest's NX: enforced on a PAE+NX host, not on a 2-level one. */
static void case_nx(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U | G_NX);

	gpt_map(&G, root, UA + PAGE_SIZE, 0x501000, G_W | G_U);
	gpt_map(&G, root, 0x00600000, 0x502000, G_W | G_U);
	if (pae_guest())
		gpt_set_bits(&G, pde_at(root, 0x00600000), G_NX, 0);
	CHECK_FIXED(UA, 0);
	CHECK_FIXED(UA + PAGE_SIZE, 0);
	CHECK_FIXED(0x00600000, E_U);
	CHECK(!hw(UA + PAGE_SIZE).nx);
	if (!pae_guest()) {
		/* No NX in a 2-level guest: nothing is no-execute. */
		CHECK(!hw(UA).nx && !hw(0x00600000).nx);
		return;
	}
	CHECK_EQ(hw(UA).nx, C->nx);
	CHECK_EQ(hw(0x00600000).nx, C->nx);
	if (C->nx) {
		CHECK_REFLECT(UA, E_P | E_I, E_P | E_I);
		CHECK_REFLECT(UA, E_P | E_I | E_U, E_P | E_I | E_U);
		CHECK_REFLECT(0x00600000, E_P | E_I, E_P | E_I);
		CHECK_REFLECT(0x00800000, E_I, E_I);
		CHECK(!cpu_allows(UA, ACC_FETCH));
	} else {
		CHECK(cpu_allows(UA, ACC_FETCH));
	}
	CHECK(cpu_allows(UA + PAGE_SIZE, ACC_FETCH));
}

/* NX is not enforced on a PAE host without EFER.NXE either. */
static void case_nx_pae_host_without_nxe(void)
{
	if (!pae_guest() || !pae_host())
		return;
	shadow_destroy(&S);
	CHECK(shadow_create(&S, PAGING_PAE, false, &pool, &mem, reserve_top(),
			    shadow_quota(PAGING_PAE, GUEST_BYTES, reserve_top())));
	S.kernel_address = KERNEL;
	shadow_use_cpu(&S, 0, sw[0]);
	root_with(UA, 0x500000, G_W | G_U | G_NX);
	CHECK_FIXED(UA, 0);
	CHECK(hw(UA).present && !hw(UA).nx);
}

static void case_large_pages(void)
{
	uint32_t base = 0x00800000;
	gpa_t gbase = span() == 4 * MiB ? 4 * MiB : 2 * MiB;
	gpa_t root = gpt_new_root(&G);
	static const uint32_t offs[] = { 0x123456, 0, 0x1FF000, 0x200000 };
	unsigned i;

	gpt_map_large(&G, root, base, gbase, G_W | G_U);
	set_root(root);
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		uint32_t off = offs[i] & (uint32_t)(span() - 1);

		CHECK_FIXED(base + off, E_U);
		CHECK_MAPS(base + off, gbase + (off & ~0xFFFu), false, true);
	}
	/* The first fault mapped the rest of the large page, read-only while
	 * it is clean. */
	CHECK_MAPS(base + 0x124000, gbase + 0x124000, false, true);
	CHECK(pde(root, base) & G_A);
	CHECK(!(pde(root, base) & G_D));
	/* A write to the last page dirties the large page: all of it is
	 * writable then. */
	CHECK_FIXED(base + (uint32_t)span() - 1, E_W);
	CHECK_MAPS(base + (uint32_t)span() - PAGE_SIZE, gbase + span() - PAGE_SIZE,
		   true, true);
	CHECK_MAPS(base + 0x124000, gbase + 0x124000, true, true);
	CHECK(pde(root, base) & G_D);
	CHECK_UNMAPPED(base + (uint32_t)span());
	/* The PAT bit (12) of a large page is no address bit and no reserved one. */
	gpt_map_large(&G, root, 0x01000000, gbase | 0x1000, G_W);
	CHECK_FIXED(0x01000000 + 0x5000, 0);
	CHECK_MAPS(0x01000000 + 0x5000, gbase + 0x5000, false, false);
}

static void case_kill_past_memory(void)
{
	gpa_t root = root_with(UA, GUEST_BYTES, G_W | G_U);
	uint64_t sp = span();

	/* A page-table entry: one frame past, and the last frame. */
	CHECK_KILL(UA, 0);
	CHECK_KILL(UA, E_W | E_U);
	CHECK_UNMAPPED(UA);
	CHECK(!(leaf(root, UA) & G_A));
	CHECK(shadow_set_pte(&S, root, UA) != NULL);
	gpt_map(&G, root, UA + PAGE_SIZE, GUEST_BYTES - PAGE_SIZE, G_W | G_U);
	CHECK_FIXED(UA + PAGE_SIZE, E_U);
	CHECK_MAPS(UA + PAGE_SIZE, GUEST_BYTES - PAGE_SIZE, false, true);
	/* A directory entry whose table lies past memory. */
	gpt_put(&G, pde_at(root, 0x01000000), GUEST_BYTES | G_P | G_W | G_U);
	CHECK_KILL(0x01000000, 0);
	gpt_put(&G, pde_at(root, 0x01000000), 0x40000000 | G_P | G_W | G_U);
	CHECK_KILL(0x01000000, E_U);
	/* A large page wholly, then partly, past memory. */
	gpt_map_large(&G, root, 0x02000000, ALIGN_UP((uint64_t)GUEST_BYTES, sp), G_W);
	CHECK_KILL(0x02000000, 0);
	gpt_map_large(&G, root, 0x02000000, ALIGN_DOWN((uint64_t)GUEST_BYTES, sp), G_W);
	CHECK_KILL(0x02000000, 0);
	CHECK_UNMAPPED(0x02000000);
	CHECK(!(pde(root, 0x02000000) & G_A));
	if (!pae_guest())
		return;
	/* A PDPT entry changed after the root was loaded. */
	gpt_map(&G, root, 0x40000000, 0x500000, G_W);
	gpt_put(&G, gpt_top_slot(&G, root, 0x40000000), GUEST_BYTES | G_P);
	CHECK(shadow_invalidate(&S, root, 0x40000000,
				gwalk_top_span(GPT_PAE)) != NULL);
	CHECK_KILL(0x40000000, 0);
	gpt_put(&G, gpt_top_slot(&G, root, 0x40000000), 0x7FFFF000ull | G_P);
	CHECK_KILL(0x40000000, E_W);
	/* The last page of memory as a directory is fine (empty). */
	gpt_put(&G, gpt_top_slot(&G, root, 0x40000000),
		(GUEST_BYTES - PAGE_SIZE) | G_P);
	CHECK_REFLECT(0x40000000, 0, 0);
}

static void case_kill_reserved_bits(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U);
	uint64_t sp = span();

	/* Bit 13 is reserved in a 4 MiB and in a 2 MiB page. */
	gpt_map_large(&G, root, 0x01000000, sp, G_W);
	CHECK_FIXED(0x01000000, 0);
	gpt_map_large(&G, root, 0x01000000, sp | 0x2000, G_W);
	CHECK(shadow_invalidate(&S, root, 0x01000000, sp) == NULL);
	CHECK_KILL(0x01000000, 0);
	CHECK_UNMAPPED(0x01000000);
	if (!pae_guest())
		return;
	/* Bits 52-62 of a PAE directory or table entry. */
	gpt_map(&G, root, 0x01400000, 0x500000, G_W);
	gpt_set_bits(&G, gpt_leaf_slot(&G, root, 0x01400000), 1ull << 52, 0);
	CHECK_KILL(0x01400000, 0);
	gpt_set_bits(&G, gpt_leaf_slot(&G, root, 0x01400000), 0, 1ull << 52);
	gpt_set_bits(&G, pde_at(root, 0x01400000), 1ull << 62, 0);
	CHECK_KILL(0x01400000, 0);
	/* PDPT entries: W, A and NX are reserved there. */
	gpt_set_bits(&G, gpt_top_slot(&G, root, UA), G_W, 0);
	CHECK(shadow_invalidate(&S, root, UA, gwalk_top_span(GPT_PAE)) != NULL);
	CHECK_KILL(UA, 0);
	gpt_set_bits(&G, gpt_top_slot(&G, root, UA), G_A, G_W);
	CHECK_KILL(UA, 0);
	gpt_set_bits(&G, gpt_top_slot(&G, root, UA), G_NX, G_A);
	CHECK_KILL(UA, 0);
	gpt_set_bits(&G, gpt_top_slot(&G, root, UA), G_PWT | G_PCD, G_NX);
	CHECK_FIXED(UA, 0);
}

/* Bits 9-11 of a PAE PDPT entry are ignored by the CPU, not reserved. */
static void case_pdpte_ignored_bits(void)
{
	gpa_t root = gpt_new_root(&G);
	const char *why;

	if (!pae_guest())
		return;
	gpt_map(&G, root, UA, 0x500000, G_W | G_U);
	gpt_set_bits(&G, gpt_top_slot(&G, root, UA), 0xE00, 0);
	why = shadow_set_root(&S, C->guest, root);
	CHECK_NULL(why);
	if (why)
		return;
	shadow_use_cpu(&S, 0, sw[0]);
	CHECK_FIXED(UA, E_U);
	CHECK_MAPS(UA, 0x500000, false, true);
}

static void case_set_root_refuses(void)
{
	gpa_t good = gpt_new_root(&G);
	struct shadow_space *cur = S.cur;
	uint32_t cr3 = shadow_cr3(&S);
	gpa_t bad[] = { good + 0x10, good + 0x800, GUEST_BYTES,
			GUEST_BYTES + PAGE_SIZE, 0xFFFFF000, 0x100000000ull };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (pae_guest() && bad[i] == good + 0x800)
			continue;       /* 32-byte aligned: a fine PDPT */
		CHECK(shadow_set_root(&S, C->guest, bad[i]) != NULL);
	}
	if (pae_guest()) {
		CHECK(shadow_set_root(&S, C->guest, GUEST_BYTES - 16) != NULL);
		gpt_put(&G, good, 0x500000 | G_P | G_W);
		CHECK(shadow_set_root(&S, C->guest, good) != NULL);
		gpt_put(&G, good + 8, 0x500000 | G_P | (1ull << 52));
		gpt_put(&G, good, 0x500000 | G_P);
		CHECK(shadow_set_root(&S, C->guest, good) != NULL);
		gpt_put(&G, good + 8, GUEST_BYTES | G_P);
		CHECK(shadow_set_root(&S, C->guest, good) != NULL);
		gpt_put(&G, good + 8, 0);
	}
	CHECK(S.cur == cur);
	CHECK_EQ(shadow_cr3(&S), cr3);
	CHECK_EQ(S.stats.switches, 0);
	/* What is fine: the last page, and for PAE any 32-byte slot. */
	set_root(pae_guest() ? GUEST_BYTES - 32 : GUEST_BYTES - PAGE_SIZE);
	set_root(pae_guest() ? good + 0x20 : good);
	set_root(good);
	CHECK_EQ(S.stats.switches, 3);
}

static void case_reserve_top(void)
{
	uint32_t rt = reserve_top(), below = rt - PAGE_SIZE;
	gpa_t root = root_with(below, 0x500000, G_W | G_U);

	gpt_map(&G, root, rt, 0x501000, G_W | G_U);
	CHECK_FIXED(below, E_W | E_U);
	CHECK_MAPS(below, 0x500000, true, true);
	CHECK_KILL(rt, 0);
	CHECK_KILL(rt + PAGE_SIZE, E_W);
	CHECK_KILL(0xFFFFF000, E_U);
	CHECK(switcher_intact());
	CHECK(shadow_set_pte(&S, root, rt) != NULL);
	CHECK(shadow_set_pte(&S, root, 0xFFFFF000) != NULL);
	CHECK(shadow_pin(&S, rt) != NULL);
	/* Naming the reserve is refused, unless the span starts below it. */
	if (ALIGN_DOWN((uint64_t)rt, span()) < rt)
		CHECK_NULL(shadow_invalidate(&S, root, rt, span()));
	else
		CHECK(shadow_invalidate(&S, root, rt, span()) != NULL);
	CHECK_FIXED(below, E_W | E_U);
	CHECK(switcher_intact());
	/* A directory span reaching the reserve is cleared below it only. */
	CHECK_NULL(shadow_invalidate(&S, root, below, span()));
	CHECK_UNMAPPED(below);
	CHECK(switcher_intact());
	CHECK_FIXED(below, 0);
	shadow_flush(&S, true);
	CHECK_UNMAPPED(below);
	CHECK(switcher_intact());
}

static void case_set_pte_prefill(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U | G_A);
	gpa_t other = gpt_new_root(&G);

	CHECK_NULL(shadow_set_pte(&S, root, UA));
	CHECK_MAPS(UA, 0x500000, false, true);          /* clean: read-only */
	CHECK_EQ(S.stats.prefills, 1);
	gpt_map(&G, root, UA + 0x1000, 0x501000, G_W | G_A | G_D);
	CHECK_NULL(shadow_set_pte(&S, root, UA + 0x1000));
	CHECK_MAPS(UA + 0x1000, 0x501000, true, false);
	gpt_map(&G, root, UA + 0x2000, 0x502000, G_W | G_U);
	CHECK_NULL(shadow_set_pte(&S, root, UA + 0x2000));
	CHECK_UNMAPPED(UA + 0x2000);                    /* not accessed */
	gpt_map(&G, root, UA + 0x3000, 0x503000, G_A | G_D);
	CHECK_NULL(shadow_set_pte(&S, root, UA + 0x3000));
	CHECK_MAPS(UA + 0x3000, 0x503000, false, false);
	/* Writable and dirty, but the directory says read-only. */
	gpt_set_bits(&G, pde_at(root, UA), 0, G_W);
	CHECK_NULL(shadow_set_pte(&S, root, UA + 0x1000));
	CHECK_MAPS(UA + 0x1000, 0x501000, false, false);
	gpt_set_bits(&G, pde_at(root, UA), G_W, 0);
	/* Remapping: without A the old entry goes; with A|D the new one comes. */
	CHECK_FIXED(UA, E_W);
	gpt_map(&G, root, UA, 0x504000, G_W | G_U);
	CHECK_NULL(shadow_set_pte(&S, root, UA));
	CHECK_UNMAPPED(UA);
	gpt_map(&G, root, UA, 0x505000, G_W | G_U | G_A | G_D);
	CHECK_NULL(shadow_set_pte(&S, root, UA));
	CHECK_MAPS(UA, 0x505000, true, true);
	gpt_unmap(&G, root, UA + 0x1000);
	CHECK_NULL(shadow_set_pte(&S, root, UA + 0x1000));
	CHECK_UNMAPPED(UA + 0x1000);
	/* A user address under another root leaves this space alone. */
	gpt_map(&G, other, UA + 0x3000, 0x506000, G_W | G_A | G_D);
	CHECK_NULL(shadow_set_pte(&S, other, UA + 0x3000));
	CHECK_MAPS(UA + 0x3000, 0x503000, false, false);
	CHECK_EQ(S.stats.prefills, 5);
}

/* Two roots with one shared kernel page and their own user page. */
static void two_roots(gpa_t r[2], uint32_t kva)
{
	unsigned i;

	r[0] = gpt_new_root(&G);
	r[1] = gpt_new_root(&G);
	gpt_map(&G, r[0], kva, 0x700000, G_W);
	share_top(r[0], r[1], kva);
	for (i = 0; i < 2; i++) {
		gpt_map(&G, r[i], UA, 0x500000 + i * 0x100000, G_W | G_U);
		set_root(r[i]);
		CHECK_FIXED(kva, 0);
		CHECK_FIXED(UA, E_U);
	}
}

static void case_kernel_vs_user_update(void)
{
	struct shadow_space *sp[2];
	gpa_t r[2];
	unsigned i;

	two_roots(r, KA);
	sp[0] = space_of(r[0]);
	sp[1] = space_of(r[1]);
	CHECK(sp[0] && sp[1] && S.cur == sp[1]);
	/* A kernel change named under r[0] reaches both spaces. */
	gpt_map(&G, r[0], KA, 0x710000, G_W | G_A);
	CHECK_NULL(shadow_set_pte(&S, r[0], KA));
	for (i = 0; i < 2; i++)
		CHECK_MAPS_IN(sp[i], KA, 0x710000, false, false);
	/* A user change reaches only the space of the root it names. */
	gpt_map(&G, r[0], UA, 0x510000, G_W | G_U | G_A);
	CHECK_NULL(shadow_set_pte(&S, r[0], UA));
	CHECK_MAPS_IN(sp[0], UA, 0x510000, false, true);
	CHECK_MAPS_IN(sp[1], UA, 0x600000, false, true);
	gpt_map(&G, r[1], UA, 0x610000, G_W | G_U | G_A | G_D);
	CHECK_NULL(shadow_set_pte(&S, r[1], UA));
	CHECK_MAPS_IN(sp[0], UA, 0x510000, false, true);
	CHECK_MAPS_IN(sp[1], UA, 0x610000, true, true);
	/* Directory-level: kernel everywhere, user in one space. */
	CHECK_NULL(shadow_invalidate(&S, r[1], KA, span()));
	CHECK_UNMAPPED_IN(sp[0], KA);
	CHECK_UNMAPPED_IN(sp[1], KA);
	CHECK_NULL(shadow_invalidate(&S, r[0], UA, span()));
	CHECK_UNMAPPED_IN(sp[0], UA);
	CHECK_MAPS_IN(sp[1], UA, 0x610000, true, true);
	/* The last user page, just below kernel_address, is still per root. */
	for (i = 0; i < 2; i++) {
		gpt_map(&G, r[i], KA - PAGE_SIZE, 0x520000 + i * PAGE_SIZE,
			G_W | G_A | G_D);
		CHECK_NULL(shadow_set_pte(&S, r[i], KA - PAGE_SIZE));
	}
	gpt_map(&G, r[0], KA - PAGE_SIZE, 0x530000, G_W | G_A);
	CHECK_NULL(shadow_set_pte(&S, r[0], KA - PAGE_SIZE));
	CHECK_MAPS_IN(sp[0], KA - PAGE_SIZE, 0x530000, false, false);
	CHECK_MAPS_IN(sp[1], KA - PAGE_SIZE, 0x521000, true, false);
	CHECK_NULL(shadow_invalidate(&S, r[0], KA - PAGE_SIZE, span()));
	CHECK_UNMAPPED_IN(sp[0], KA - PAGE_SIZE);
	CHECK_MAPS_IN(sp[1], KA - PAGE_SIZE, 0x521000, true, false);
	/* A kernel unmap. */
	CHECK_FIXED(KA, 0);
	gpt_unmap(&G, r[1], KA);
	CHECK_NULL(shadow_set_pte(&S, r[1], KA));
	CHECK_UNMAPPED_IN(sp[0], KA);
	CHECK_UNMAPPED_IN(sp[1], KA);
}

static void case_invalidate_span(void)
{
	static const uint32_t offs[] = { 0, 0x1FF000, 0x200000, 0x3FF000 };
	gpa_t root = gpt_new_root(&G);
	uint64_t freed, before;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(offs); i++)
		gpt_map(&G, root, UA + offs[i], 0x500000 + i * PAGE_SIZE, G_W);
	gpt_map(&G, root, UA - PAGE_SIZE, 0x510000, G_W);
	gpt_map(&G, root, UA + 0x400000, 0x511000, G_W);
	set_root(root);
	for (i = 0; i < ARRAY_SIZE(offs); i++)
		CHECK_FIXED(UA + offs[i], 0);
	CHECK_FIXED(UA - PAGE_SIZE, 0);
	CHECK_FIXED(UA + 0x400000, 0);
	before = S.frames.used;
	CHECK_NULL(shadow_invalidate(&S, root, UA + 0x123456 % span(), span()));
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		if (offs[i] < span())
			CHECK_UNMAPPED(UA + offs[i]);
		else
			CHECK_MAPS(UA + offs[i], 0x500000 + i * PAGE_SIZE, false,
				   false);
	}
	CHECK_MAPS(UA - PAGE_SIZE, 0x510000, false, false);
	CHECK_MAPS(UA + 0x400000, 0x511000, false, false);
	/* Shadow tables wholly inside the span go back to the quota. */
	freed = pae_host() ? span() / (2 * MiB) : span() / (4 * MiB);
	CHECK_EQ(before - S.frames.used, freed);
	if (!pae_guest())
		return;
	/* A PDPT entry's span: the whole first GiB. */
	CHECK_NULL(shadow_invalidate(&S, root, UA, gwalk_top_span(GPT_PAE)));
	CHECK_UNMAPPED(UA - PAGE_SIZE);
	CHECK_UNMAPPED(UA + 0x400000);
}

static void case_flush(void)
{
	struct shadow_space *sp[2];
	gpa_t r[2];

	two_roots(r, KA);
	sp[0] = space_of(r[0]);
	sp[1] = space_of(r[1]);
	shadow_flush(&S, false);
	CHECK_UNMAPPED_IN(sp[1], UA);
	CHECK_MAPS_IN(sp[1], KA, 0x700000, false, false);
	CHECK_MAPS_IN(sp[0], UA, 0x500000, false, true);
	CHECK_MAPS_IN(sp[0], KA, 0x700000, false, false);
	CHECK(switcher_intact());
	shadow_flush(&S, true);
	CHECK_UNMAPPED_IN(sp[0], UA);
	CHECK_UNMAPPED_IN(sp[0], KA);
	CHECK_UNMAPPED_IN(sp[1], KA);
	CHECK(switcher_intact());
	/* Everything comes back by faulting. */
	CHECK_FIXED(KA, 0);
	CHECK_FIXED(UA, E_U);
}

/*
 * kernel_address 0 (one address space, every mapping global, as the guest
 * runtime sets it): a user flush has nothing to drop, and must above all
 * leave the switcher's table in place.
 */
static void case_flush_user_all_global(void)
{
	S.kernel_address = 0;
	root_with(UA, 0x500000, G_W | G_U);
	CHECK_FIXED(UA, E_U);
	shadow_flush(&S, false);
	CHECK(switcher_intact());
	CHECK(top_slot(S.cur) == (sw[0] | G_P | G_W));
	CHECK(!frame_is_free(&pool, sw[0]));
	CHECK_MAPS(UA, 0x500000, false, true);
}

static void case_cache_lru(void)
{
	gpa_t r[6];
	uint64_t fixed;
	unsigned i;

	for (i = 0; i < 6; i++) {
		r[i] = gpt_new_root(&G);
		gpt_map(&G, r[i], UA, 0x500000 + i * PAGE_SIZE, G_W | G_U);
	}
	for (i = 0; i < 4; i++) {
		set_root(r[i]);
		CHECK_FIXED(UA, E_U);
	}
	/* The linear space was the least recently used. */
	CHECK_EQ(S.stats.evictions, 1);
	CHECK(space_of(SHADOW_LINEAR) == NULL);
	/* Back to r[0]: cached, mappings kept, no fault needed. */
	fixed = S.stats.faults_fixed;
	set_root(r[0]);
	CHECK_EQ(S.stats.evictions, 1);
	CHECK_MAPS(UA, 0x500000, false, true);
	set_root(r[4]);                 /* evicts r[1] */
	CHECK_EQ(S.stats.evictions, 2);
	CHECK(space_of(r[1]) == NULL);
	CHECK(space_of(r[0]) && space_of(r[2]) && space_of(r[3]));
	set_root(r[2]);
	CHECK_MAPS(UA, 0x500000 + 2 * PAGE_SIZE, false, true);
	CHECK_EQ(S.stats.faults_fixed, fixed);
	set_root(r[1]);                 /* evicts r[3] */
	CHECK(space_of(r[3]) == NULL);
	CHECK_UNMAPPED(UA);
	CHECK_FIXED(UA, E_U);
	CHECK_MAPS(UA, 0x500000 + PAGE_SIZE, false, true);
	/* Cycling: the current and the previous space always stay. */
	for (i = 0; i < 12; i++) {
		gpa_t prev = S.cur->root;

		set_root(r[i % 6]);
		CHECK(S.cur->root == r[i % 6]);
		CHECK(space_of(prev) != NULL);
		CHECK(switcher_intact());
	}
	CHECK_EQ(S.stats.switches, 4 + 4 + 12);
}

static void case_pin(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W);

	gpt_map(&G, root, UA + PAGE_SIZE, 0x501000, 0);
	gpt_map(&G, root, UA + 2 * PAGE_SIZE, 0x502000, G_W | G_U);
	gpt_map_large(&G, root, 0x01000000, span(), G_W);
	CHECK_NULL(shadow_pin(&S, UA));
	CHECK_MAPS(UA, 0x500000, true, false);
	CHECK((leaf(root, UA) & (G_A | G_D)) == (G_A | G_D));
	CHECK(shadow_pin(&S, UA + PAGE_SIZE) != NULL);
	CHECK_UNMAPPED(UA + PAGE_SIZE);
	CHECK(!(leaf(root, UA + PAGE_SIZE) & G_A));
	CHECK(shadow_pin(&S, UA + 3 * PAGE_SIZE) != NULL);
	CHECK(shadow_pin(&S, 0x40000000) != NULL);
	CHECK_NULL(shadow_pin(&S, UA + 2 * PAGE_SIZE));
	CHECK_MAPS(UA + 2 * PAGE_SIZE, 0x502000, true, true);
	CHECK_NULL(shadow_pin(&S, 0x01000000 + 0x7000));
	CHECK_MAPS(0x01000000 + 0x7000, span() + 0x7000, true, false);
	CHECK(pde(root, 0x01000000) & G_D);
	CHECK(shadow_pin(&S, reserve_top()) != NULL);
}

/*
 * The spaces the switcher may load alone: cached ones other than the
 * linear map, only where the pins are mapped writable, each given the
 * CPU's switcher table; adopting one by its CR3 makes it current.
 */
static void case_ready_spaces(void)
{
	gpa_t a = root_with(UA, 0x500000, G_W), b;
	struct shadow_ready out[SHADOW_SPACES];
	uint32_t cr3_a = shadow_cr3(&S);
	unsigned n, i;

	CHECK_NULL(shadow_pin(&S, UA));
	b = root_with(UA, 0x501000, G_W);
	/* b maps the pin writable now; a does too, from its own pin. */
	CHECK_NULL(shadow_pin(&S, UA));
	shadow_set_pins(&S, UA, 1);
	n = shadow_ready_spaces(&S, 1, sw[1], out, SHADOW_SPACES);
	CHECK_EQ(n, 2);
	for (i = 0; i < n; i++) {
		CHECK(out[i].root == a || out[i].root == b);
		CHECK(out[i].root != (uint32_t)SHADOW_LINEAR);
	}
	CHECK(space_of(a)->cpu == 1 && space_of(b)->cpu == 1);
	CHECK(switcher_intact());
	/* No room: only as many as asked for. */
	CHECK_EQ(shadow_ready_spaces(&S, 1, sw[1], out, 1), 1);
	/* a's stack page dropped (not accessed: no refill): a is not ready. */
	gpt_map(&G, a, UA, 0x500000, G_W);
	CHECK_NULL(shadow_set_pte(&S, a, UA));
	n = shadow_ready_spaces(&S, 0, sw[0], out, SHADOW_SPACES);
	CHECK_EQ(n, 1);
	CHECK(out[0].root == b);
	/* Without pins, both again. */
	shadow_set_pins(&S, 0, 0);
	CHECK_EQ(shadow_ready_spaces(&S, 0, sw[0], out, SHADOW_SPACES), 2);
	CHECK(shadow_adopt(&S, cr3_a));
	CHECK(S.cur->root == a);
	CHECK(!shadow_adopt(&S, 0x1234000));
	CHECK(S.cur->root == a);
}

/* The epoch moves with every change to a space, and only then. */
static void case_epoch(void)
{
	gpa_t a = root_with(UA, 0x500000, G_W), b;
	uint64_t e;

	e = S.epoch;
	CHECK_REFLECT(UA + PAGE_SIZE, E_W, E_W);
	set_root(a);
	CHECK_EQ(S.epoch, e);           /* a reflected fault, a cached space */
	CHECK_FIXED(UA, E_W);
	CHECK(S.epoch != e);
	e = S.epoch;
	CHECK_NULL(shadow_set_pte(&S, a, UA));
	CHECK(S.epoch != e);
	e = S.epoch;
	shadow_flush(&S, false);
	CHECK(S.epoch != e);
	e = S.epoch;
	b = gpt_new_root(&G);
	set_root(b);                    /* a new space */
	CHECK(S.epoch != e);
	e = S.epoch;
	shadow_use_cpu(&S, 1, sw[1]);   /* its top slot */
	CHECK(S.epoch != e);
	shadow_use_cpu(&S, 0, sw[0]);
	e = S.epoch;
	shadow_set_pins(&S, UA, 1);     /* the pins */
	CHECK(S.epoch != e);
	e = S.epoch;
	shadow_set_pins(&S, UA + 0x123, 1);     /* the same page */
	CHECK_EQ(S.epoch, e);
}

/* A fresh shadow with a quota of quota frames, the linear map current. */
static bool recreate(uint32_t quota)
{
	shadow_destroy(&S);
	if (!shadow_create(&S, C->host, C->nx, &pool, &mem, reserve_top(), quota))
		return false;
	S.kernel_address = KERNEL;
	shadow_use_cpu(&S, 0, sw[0]);
	return true;
}

/* A root mapping n pages, one per 4 MiB from UA (each in its own table). */
static gpa_t root_spread(unsigned n)
{
	gpa_t root = gpt_new_root(&G);
	unsigned k;

	for (k = 0; k < n; k++)
		gpt_map(&G, root, UA + k * 4 * MiB, 0x500000 + k * PAGE_SIZE, G_W);
	return root;
}

/* Faults in r's pages from *k on until the quota makes room; *k: that fault. */
static void fault_until_reclaim(unsigned *k)
{
	uint64_t before = S.stats.reclaims;

	for (; *k < 40; ++*k) {
		CHECK_FIXED(UA + *k * 4 * MiB, 0);
		CHECK(S.frames.used <= S.frames.limit);
		if (S.stats.reclaims != before)
			return;
	}
	CHECK(!"the quota never made room");
}

/*
 * At the quota the guest's own shadows make room: the oldest other spaces
 * go first, whole, then the current one is emptied (its pins with it).
 */
static void case_quota_reclaims_own(void)
{
	uint32_t top = pae_host() ? 5 : 1;
	gpa_t r0 = root_spread(1), r1 = root_spread(1), r2 = root_spread(40);
	unsigned k = 0;

	CHECK(recreate(SHADOW_SPACES * top + 2));
	set_root(r0);
	CHECK_FIXED(UA, 0);
	set_root(r1);
	CHECK_FIXED(UA, 0);
	set_root(r2);
	CHECK_EQ(frame_quota_left(&S.frames), 0);
	fault_until_reclaim(&k);        /* the linear space, the oldest */
	CHECK_EQ(k, 0);
	CHECK(space_of(SHADOW_LINEAR) == NULL);
	CHECK(space_of(r0) && space_of(r1));
	fault_until_reclaim(&k);        /* then r0 */
	CHECK(space_of(r0) == NULL && space_of(r1) != NULL);
	CHECK_MAPS_IN(space_of(r1), UA, 0x500000, false, false);
	fault_until_reclaim(&k);        /* then r1 */
	CHECK(space_of(r1) == NULL);
	CHECK(!shadow_pins_lost(&S));
	k++;
	fault_until_reclaim(&k);        /* then the current space empties */
	CHECK_EQ(S.stats.reclaims, 4);
	CHECK_EQ(k, S.frames.limit - top);      /* when its tables filled it */
	CHECK(shadow_pins_lost(&S));
	CHECK(!shadow_pins_lost(&S));
	CHECK_UNMAPPED(UA);
	CHECK_MAPS(UA + k * 4 * MiB, 0x500000 + k * PAGE_SIZE, false, false);
	CHECK(S.cur->root == r2 && S.cur->used);
	CHECK_EQ(S.frames.used, top + 1);
	CHECK_EQ(S.frames.peak, S.frames.limit);
	CHECK(switcher_intact());
	/* Everything faults back in, and the quota holds. */
	for (k = 0; k < 40; k++)
		CHECK_FIXED(UA + k * 4 * MiB, 0);
	CHECK(S.frames.used <= S.frames.limit);
	set_root(r0);
	CHECK_FIXED(UA, 0);
	CHECK_MAPS(UA, 0x500000, false, false);
}

/* A full quota skips prefills rather than dropping anything for them. */
static void case_quota_skips_prefill(void)
{
	uint32_t top = pae_host() ? 5 : 1;
	gpa_t r = root_spread(2);
	uint64_t reclaims;

	CHECK(recreate(2 * top + 1));
	set_root(r);
	CHECK_FIXED(UA, 0);
	CHECK_EQ(frame_quota_left(&S.frames), 0);
	gpt_put(&G, gpt_leaf_slot(&G, r, UA + 4 * MiB),
		leaf(r, UA + 4 * MiB) | G_A);
	reclaims = S.stats.reclaims;
	CHECK_NULL(shadow_set_pte(&S, r, UA + 4 * MiB));
	CHECK_EQ(S.stats.prefills, 0);
	CHECK_EQ(S.stats.reclaims, reclaims);
	CHECK_UNMAPPED(UA + 4 * MiB);
	CHECK_MAPS(UA, 0x500000, false, false);
	CHECK(space_of(SHADOW_LINEAR) != NULL);
	CHECK_FIXED(UA + 4 * MiB, 0);   /* the fault may make room */
	CHECK(space_of(SHADOW_LINEAR) == NULL);
}

/* A quota that cannot hold one space's tables: refused, or the fault kills. */
static void case_quota_too_small(void)
{
	uint32_t top = pae_host() ? 5 : 1;
	uint64_t free;

	shadow_destroy(&S);
	free = pool.free;
	CHECK(!shadow_create(&S, C->host, C->nx, &pool, &mem, reserve_top(),
			     top - 1));
	CHECK_EQ(pool.free, free);
	CHECK(!shadow_create(&S, C->host, C->nx, &pool, &mem, reserve_top(),
			     (uint32_t)pool.free_direct + 1));
	CHECK_EQ(pool.free, free);
	CHECK(recreate(top));
	CHECK_KILL(0x1000, 0);
	CHECK_STR(last_why, "shadow page tables do not fit its quota");
	CHECK(recreate(2 * top + 1));   /* two spaces' top tables and a table */
	CHECK_FIXED(0x1000, 0);
	set_root(root_spread(1));       /* the fault drops the old space */
	CHECK_FIXED(UA, 0);
	CHECK_NULL(shadow_pin(&S, UA));
}

static void case_linear(void)
{
	CHECK(S.cur->root == SHADOW_LINEAR);
	CHECK_FIXED(0x1000, 0);
	CHECK_MAPS(0x1000, 0x1000, true, true);
	CHECK_FIXED(0, E_U | E_W);
	CHECK_MAPS(0, 0, true, true);
	CHECK_FIXED(GUEST_BYTES - PAGE_SIZE, E_W);
	CHECK_MAPS(GUEST_BYTES - PAGE_SIZE, GUEST_BYTES - PAGE_SIZE, true, true);
	CHECK_REFLECT(GUEST_BYTES, 0, 0);
	CHECK_REFLECT(GUEST_BYTES, E_W | E_U, E_W | E_U);
	CHECK_REFLECT(0x10000000, E_U, E_U);
	CHECK_KILL(reserve_top(), 0);
	CHECK_NULL(shadow_pin(&S, 0x2000));
	CHECK_MAPS(0x2000, 0x2000, true, true);
	CHECK(shadow_pin(&S, GUEST_BYTES) != NULL);
	/* No guest table names the linear space. */
	CHECK_NULL(shadow_set_pte(&S, gpt_new_root(&G), 0x1000));
	CHECK_NULL(shadow_invalidate(&S, 0x100000, 0x1000, span()));
	CHECK_MAPS(0x1000, 0x1000, true, true);
	shadow_flush(&S, false);
	CHECK_UNMAPPED(0x1000);
	CHECK(switcher_intact());
}

/* shadow_check itself: it sees wrong frames, rights and NX. */
static void case_check_detects(void)
{
	gpa_t root = root_with(UA, 0x500000, G_W | G_U | G_NX);

	gpt_map(&G, root, UA + PAGE_SIZE, 0x501000, G_U);
	CHECK_FIXED(UA, 0);
	CHECK_NULL(shadow_check(&S));
	hostpt_map(&S.cur->pt, UA, hpa(0x501000), HPT_USER);
	CHECK(shadow_check(&S) != NULL);
	hostpt_map(&S.cur->pt, UA, hpa(0x500000), HPT_USER | HPT_WRITE);
	CHECK(shadow_check(&S) != NULL);                /* clean, writable */
	hostpt_map(&S.cur->pt, UA + PAGE_SIZE, hpa(0x501000), HPT_USER | HPT_WRITE);
	hostpt_unmap(&S.cur->pt, UA);
	CHECK(shadow_check(&S) != NULL);                /* read-only page */
	hostpt_map(&S.cur->pt, UA + PAGE_SIZE, hpa(0x501000), HPT_USER);
	CHECK_NULL(shadow_check(&S));
	hostpt_map(&S.cur->pt, UA + 2 * PAGE_SIZE, hpa(0x502000), 0);
	CHECK(shadow_check(&S) != NULL);                /* not mapped at all */
	hostpt_unmap(&S.cur->pt, UA + 2 * PAGE_SIZE);
	if (pae_guest() && C->nx) {
		hostpt_map(&S.cur->pt, UA, hpa(0x500000), HPT_USER | HPT_EXEC);
		CHECK(shadow_check(&S) != NULL);        /* NX lost */
		hostpt_unmap(&S.cur->pt, UA);
	}
	CHECK_NULL(shadow_check(&S));
}

/* Many spaces, tables and evictions: destroy still returns every frame. */
static void case_destroy_returns_frames(void)
{
	unsigned i, j;

	for (i = 0; i < 7; i++) {
		gpa_t root = gpt_new_root(&G);

		for (j = 0; j < 16; j++) {
			uint32_t gva = j * 0x00A00000u + i * PAGE_SIZE;

			gpt_map(&G, root, gva, (i * 16 + j) * PAGE_SIZE, G_W | G_U);
		}
		set_root(root);
		shadow_use_cpu(&S, i & 1, sw[i & 1]);
		for (j = 0; j < 16; j++)
			CHECK_FIXED(j * 0x00A00000u + i * PAGE_SIZE, E_W);
	}
	CHECK_EQ(S.stats.evictions, 4);
	CHECK(switcher_intact());
}

/* ---- Running every case on every combination. ---- */

static void run_case(const char *name, void (*fn)(void))
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(combos); i++) {
		snprintf(case_name, sizeof(case_name), "%s[%s]", name,
			 combos[i].name);
		check_current = case_name;
		setup(&combos[i]);
		fn();
		teardown();
	}
}

#define CASE(fn) \
	static void test_##fn(void) { run_case(#fn, fn); }

CASE(case_read_fault_maps_readonly)
CASE(case_write_fault_sets_dirty)
CASE(case_write_readonly_reflects)
CASE(case_user_supervisor_reflects)
CASE(case_not_present)
CASE(case_nx)
CASE(case_nx_pae_host_without_nxe)
CASE(case_large_pages)
CASE(case_kill_past_memory)
CASE(case_kill_reserved_bits)
CASE(case_pdpte_ignored_bits)
CASE(case_set_root_refuses)
CASE(case_reserve_top)
CASE(case_set_pte_prefill)
CASE(case_kernel_vs_user_update)
CASE(case_invalidate_span)
CASE(case_flush)
CASE(case_flush_user_all_global)
CASE(case_cache_lru)
CASE(case_pin)
CASE(case_ready_spaces)
CASE(case_epoch)
CASE(case_quota_reclaims_own)
CASE(case_quota_skips_prefill)
CASE(case_quota_too_small)
CASE(case_linear)
CASE(case_check_detects)
CASE(case_destroy_returns_frames)

/* A walk marks an entry only if the entry still holds what it read: a
 * vCPU rewriting it at the same moment keeps what it wrote. */
static void case_update_word(void)
{
	uint32_t v = 0x500000 | G_P, got = 0;
	uint64_t word = 0;

	CHECK(guest_mem_write(&mem, 0x3000, &v, sizeof(v)));
	CHECK(guest_mem_update_word(&mem, 0x3000, v, v | G_A));
	CHECK(guest_mem_read_word(&mem, 0x3000, 4, &word));
	CHECK_EQ(word, v | G_A);
	/* The guest changed it since: left as the guest wrote it. */
	CHECK(!guest_mem_update_word(&mem, 0x3000, v, v | G_A | G_D));
	CHECK(guest_mem_read(&mem, 0x3000, &got, sizeof(got)));
	CHECK_EQ(got, v | G_A);
	/* Unaligned, or outside the guest: refused. */
	CHECK(!guest_mem_update_word(&mem, 0x3002, got, 0));
	CHECK(!guest_mem_update_word(&mem, GUEST_BYTES, 0, 1));
}

CASE(case_update_word)

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_case_read_fault_maps_readonly),
		TEST_ENTRY(test_case_write_fault_sets_dirty),
		TEST_ENTRY(test_case_write_readonly_reflects),
		TEST_ENTRY(test_case_user_supervisor_reflects),
		TEST_ENTRY(test_case_not_present),
		TEST_ENTRY(test_case_nx),
		TEST_ENTRY(test_case_nx_pae_host_without_nxe),
		TEST_ENTRY(test_case_large_pages),
		TEST_ENTRY(test_case_kill_past_memory),
		TEST_ENTRY(test_case_kill_reserved_bits),
		TEST_ENTRY(test_case_pdpte_ignored_bits),
		TEST_ENTRY(test_case_set_root_refuses),
		TEST_ENTRY(test_case_reserve_top),
		TEST_ENTRY(test_case_set_pte_prefill),
		TEST_ENTRY(test_case_kernel_vs_user_update),
		TEST_ENTRY(test_case_invalidate_span),
		TEST_ENTRY(test_case_flush),
		TEST_ENTRY(test_case_flush_user_all_global),
		TEST_ENTRY(test_case_cache_lru),
		TEST_ENTRY(test_case_pin),
		TEST_ENTRY(test_case_ready_spaces),
		TEST_ENTRY(test_case_epoch),
		TEST_ENTRY(test_case_quota_reclaims_own),
		TEST_ENTRY(test_case_quota_skips_prefill),
		TEST_ENTRY(test_case_quota_too_small),
		TEST_ENTRY(test_case_linear),
		TEST_ENTRY(test_case_check_detects),
		TEST_ENTRY(test_case_destroy_returns_frames),
		TEST_ENTRY(test_case_update_word),
	};
	return check_main("shadow", tests, ARRAY_SIZE(tests));
}
