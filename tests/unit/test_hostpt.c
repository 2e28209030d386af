/* Host page tables in both formats, checked by an independent table walker. */
#include <mm/hostpt.h>
#include "check.h"
#include "sim_phys.h"

#define DIRECT_LIMIT    (16ull * MiB)

/* Raw x86 bits, spelled out here rather than taken from x86/pte.h. */
#define BIT_P           0x001ull
#define BIT_W           0x002ull
#define BIT_U           0x004ull
#define BIT_PWT         0x008ull
#define BIT_PCD         0x010ull
#define BIT_NX          (1ull << 63)
#define ADDR32          0xFFFFF000ull
#define ADDR64          0x000FFFFFFFFFF000ull

struct config {
	enum paging_mode mode;
	bool nx;
	const char *name;
};

static const struct config configs[] = {
	{ PAGING_2LEVEL, false, "2level" },
	{ PAGING_2LEVEL, true, "2level+nx" },
	{ PAGING_PAE, false, "pae" },
	{ PAGING_PAE, true, "pae+nx" },
};

static const uint32_t spread[] = {
	0x00001000, 0x3FFFF000, 0x40000000, 0xBFFFF000, 0xFFFFF000,
};

static struct mem_range store[8];
static struct frame_pool pool;
static struct frame_quota quota;      /* unlimited: straight from the pool */
static struct hostpt pt;

/* A pool whose direct zone has `direct_free` free frames after the bitmap. */
static void pool_setup(uint64_t direct_free)
{
	struct mem_ranges usable = { store, 0, ARRAY_SIZE(store), 0 };

	sim_reset();
	memranges_add(&usable, 1 * MiB, 1 * MiB + (1 + direct_free) * PAGE_SIZE);
	memranges_add(&usable, 32 * MiB, 48 * MiB);     /* not direct */
	CHECK(frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	CHECK_EQ(pool.free_direct, direct_free);
	CHECK(frame_quota_init(&quota, &pool, FRAME_QUOTA_UNLIMITED));
}

static void setup(const struct config *c)
{
	pool_setup(10 * MiB / PAGE_SIZE);
	CHECK(hostpt_init(&pt, c->mode, c->nx, &quota));
}

struct walk {
	uint64_t pdpte, pde, pte;
	hpa_t table;            /* the page table, or 0 */
	void *slot;             /* the leaf entry, or NULL */
};

/* What the CPU would read for va, from raw memory. */
static struct walk walk(const struct hostpt *t, uint32_t va)
{
	struct walk w = { 0 };

	if (t->mode == PAGING_2LEVEL) {
		uint32_t *pd = sim_ptr(t->root), *table;

		w.pde = pd[va >> 22];
		if (!(w.pde & BIT_P))
			return w;
		w.table = w.pde & ADDR32;
		table = sim_ptr(w.table);
		w.slot = &table[(va >> 12) & 0x3FF];
		w.pte = table[(va >> 12) & 0x3FF];
	} else {
		uint64_t *pdpt = sim_ptr(t->root), *pd, *table;

		w.pdpte = pdpt[va >> 30];
		if (!(w.pdpte & BIT_P))
			return w;
		pd = sim_ptr(w.pdpte & ADDR64);
		w.pde = pd[(va >> 21) & 0x1FF];
		if (!(w.pde & BIT_P))
			return w;
		w.table = w.pde & ADDR64;
		table = sim_ptr(w.table);
		w.slot = &table[(va >> 12) & 0x1FF];
		w.pte = table[(va >> 12) & 0x1FF];
	}
	return w;
}

/* The leaf entry the test expects for pa with flags under config c. */
static uint64_t expected_pte(const struct config *c, hpa_t pa, unsigned flags)
{
	uint64_t e = pa | BIT_P;

	if (flags & HPT_WRITE)
		e |= BIT_W;
	if (flags & HPT_USER)
		e |= BIT_U;
	if (flags & HPT_NOCACHE)
		e |= BIT_PCD | BIT_PWT;
	if (c->mode == PAGING_PAE && c->nx && !(flags & HPT_EXEC))
		e |= BIT_NX;
	return e;
}

/* va maps pa with flags, seen through the walker and hostpt_entry. */
static bool maps(const struct config *c, uint32_t va, hpa_t pa, unsigned flags)
{
	struct walk w = walk(&pt, va);
	uint64_t want = expected_pte(c, pa, flags);

	if (w.pte == want && hostpt_entry(&pt, va) == want &&
	    (w.pde & (BIT_P | BIT_W)) == (BIT_P | BIT_W) &&
	    (!(flags & HPT_USER) || (w.pde & BIT_U)) &&
	    w.table < DIRECT_LIMIT)
		return true;
	fprintf(stderr, "  %s: va 0x%08x: pde 0x%llx pte 0x%llx, want pte "
		"0x%llx\n", c->name, va, (unsigned long long)w.pde,
		(unsigned long long)w.pte, (unsigned long long)want);
	return false;
}

static bool unmapped(uint32_t va)
{
	return !(walk(&pt, va).pte & BIT_P) && hostpt_entry(&pt, va) == 0;
}

/* A PDPT entry may carry only P, PWT and PCD besides the address. */
static bool pdpt_clean(void)
{
	const uint64_t *pdpt = sim_ptr(pt.root);
	unsigned i;

	for (i = 0; i < 4; i++)
		if (!(pdpt[i] & BIT_P) ||
		    (pdpt[i] & ~ADDR64 & ~(BIT_P | BIT_PWT | BIT_PCD)) ||
		    (pdpt[i] & ADDR64) >= DIRECT_LIMIT)
			return false;
	return true;
}

static void test_init(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		uint64_t before;

		pool_setup(100);
		before = pool.free_direct;
		CHECK(hostpt_init(&pt, c->mode, c->nx, &quota));
		CHECK(pt.root < DIRECT_LIMIT);
		CHECK_EQ(pt.root % PAGE_SIZE, 0);
		CHECK_EQ(pt.nx, c->mode == PAGING_PAE && c->nx);
		CHECK_EQ(pt.table_frames, c->mode == PAGING_PAE ? 5 : 1);
		CHECK_EQ(pool.free_direct, before - pt.table_frames);
		CHECK(!frame_is_free(&pool, pt.root));
		if (c->mode == PAGING_PAE)
			CHECK(pdpt_clean());
		CHECK(unmapped(0) && unmapped(0xFFFFF000));
	}
}

static void test_flag_combinations(void)
{
	unsigned i, flags;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];

		setup(c);
		for (flags = 0; flags < 16; flags++) {
			uint32_t va = 0x00400000 + flags * PAGE_SIZE;
			hpa_t pa = 0x01234000 + flags * PAGE_SIZE;

			CHECK(hostpt_map(&pt, va, pa, flags));
			CHECK(maps(c, va, pa, flags));
			CHECK_EQ(hostpt_make_pte(&pt, pa, flags),
				 expected_pte(c, pa, flags));
		}
		CHECK((walk(&pt, 0x00400000).pde & BIT_U) != 0);
		CHECK(unmapped(0x00400000 + 16 * PAGE_SIZE));
		if (c->mode == PAGING_PAE)
			CHECK(pdpt_clean());
	}
}

static void test_pde_user_only_when_asked(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		setup(&configs[i]);
		CHECK(hostpt_map(&pt, 0x10000000, 0x5000, HPT_WRITE));
		CHECK_EQ(walk(&pt, 0x10000000).pde & BIT_U, 0);
		CHECK(hostpt_map(&pt, 0x10001000, 0x6000, HPT_USER));
		CHECK((walk(&pt, 0x10000000).pde & BIT_U) != 0);
		CHECK_EQ(walk(&pt, 0x10000000).pte & BIT_U, 0);
	}
}

static void test_pa_reach(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		bool pae = c->mode == PAGING_PAE;

		setup(c);
		CHECK(hostpt_map(&pt, 0x1000, 4 * GiB - PAGE_SIZE, HPT_WRITE));
		CHECK(maps(c, 0x1000, 4 * GiB - PAGE_SIZE, HPT_WRITE));
		CHECK_EQ(hostpt_map(&pt, 0x2000, 4 * GiB, HPT_WRITE), pae);
		CHECK_EQ(hostpt_map(&pt, 0x3000, 0x123456789000ull, 0), pae);
		CHECK_EQ(hostpt_map(&pt, 0x4000, (1ull << 52) - PAGE_SIZE, 0), pae);
		CHECK(!hostpt_map(&pt, 0x5000, 1ull << 52, 0));
		CHECK(unmapped(0x5000));
		if (pae) {
			CHECK(maps(c, 0x2000, 4 * GiB, HPT_WRITE));
			CHECK(maps(c, 0x3000, 0x123456789000ull, 0));
			CHECK(maps(c, 0x4000, (1ull << 52) - PAGE_SIZE, 0));
		} else {
			CHECK(unmapped(0x2000) && unmapped(0x3000));
			CHECK(unmapped(0x4000));
		}
	}
}

static void test_unaligned_pa_refused(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		setup(&configs[i]);
		CHECK(!hostpt_map(&pt, 0x7000, 0x1234, HPT_WRITE));
		CHECK(!hostpt_map(&pt, 0x7000, 0x100800, 0));
		CHECK(!hostpt_map(&pt, 0x7000, 0x100001, HPT_EXEC));
		CHECK(unmapped(0x7000));
	}
}

static void test_unmap(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		unsigned frames;
		uint64_t free_direct;

		setup(c);
		CHECK(hostpt_map(&pt, 0x800000, 0x100000, HPT_WRITE));
		CHECK(hostpt_map(&pt, 0x801000, 0x101000, HPT_WRITE));
		hostpt_unmap(&pt, 0x800000);
		CHECK(unmapped(0x800000));
		CHECK_EQ(walk(&pt, 0x800000).pte, 0);
		CHECK(maps(c, 0x801000, 0x101000, HPT_WRITE));
		/* Nothing there at all: no table may be made for it. */
		frames = pt.table_frames;
		free_direct = pool.free_direct;
		hostpt_unmap(&pt, 0xC0000000);
		CHECK_EQ(pt.table_frames, frames);
		CHECK_EQ(pool.free_direct, free_direct);
		CHECK(unmapped(0xC0000000));
	}
}

static void test_map_range(void)
{
	unsigned i, p;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		unsigned frames;

		setup(c);
		frames = pt.table_frames;
		/* Five pages (the last one partly), across a 4 MiB boundary. */
		CHECK(hostpt_map_range(&pt, 0x003FE000, 0x00A00000,
				       4 * PAGE_SIZE + 1, HPT_WRITE | HPT_EXEC));
		for (p = 0; p < 5; p++)
			CHECK(maps(c, 0x003FE000 + p * PAGE_SIZE,
				   0x00A00000 + p * PAGE_SIZE,
				   HPT_WRITE | HPT_EXEC));
		CHECK(unmapped(0x003FD000));
		CHECK(unmapped(0x003FE000 + 5 * PAGE_SIZE));
		CHECK_EQ(pt.table_frames, frames + 2);
		CHECK(hostpt_map_range(&pt, 0x01000000, 0x1000, 0, 0));
		CHECK(unmapped(0x01000000));
		CHECK_EQ(pt.table_frames, frames + 2);
	}
}

static void test_spread_addresses(void)
{
	unsigned i, j;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		unsigned frames;
		hpa_t tables[ARRAY_SIZE(spread)];

		setup(c);
		frames = pt.table_frames;
		for (j = 0; j < ARRAY_SIZE(spread); j++) {
			hpa_t pa = 0x02000000 + j * PAGE_SIZE;

			CHECK(hostpt_map(&pt, spread[j], pa, HPT_WRITE | HPT_USER));
		}
		for (j = 0; j < ARRAY_SIZE(spread); j++) {
			hpa_t pa = 0x02000000 + j * PAGE_SIZE;

			CHECK(maps(c, spread[j], pa, HPT_WRITE | HPT_USER));
			tables[j] = walk(&pt, spread[j]).table;
			CHECK(j == 0 || tables[j] != tables[j - 1]);
			CHECK(unmapped(spread[j] ^ 0x00200000));
		}
		CHECK_EQ(pt.table_frames, frames + ARRAY_SIZE(spread));
		CHECK(unmapped(0x80000000));
		if (c->mode == PAGING_PAE)
			CHECK(pdpt_clean());
	}
}

static void test_leaf_pointer(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		unsigned frames;
		void *leaf;

		setup(c);
		CHECK(hostpt_map(&pt, 0x00500000, 0x3000, HPT_WRITE));
		CHECK(hostpt_leaf(&pt, 0x00500000) == walk(&pt, 0x00500000).slot);
		CHECK(hostpt_leaf(&pt, 0x00501000) == walk(&pt, 0x00501000).slot);
		/* A va with no table yet: the table is made on the spot. */
		frames = pt.table_frames;
		leaf = hostpt_leaf(&pt, 0xABCDE000);
		CHECK(leaf != NULL);
		CHECK_EQ(pt.table_frames, frames + 1);
		CHECK(leaf == walk(&pt, 0xABCDE000).slot);
		CHECK(unmapped(0xABCDE000));
		if (c->mode == PAGING_PAE)
			*(uint64_t *)leaf = hostpt_make_pte(&pt, 0x7000, 0);
		else
			*(uint32_t *)leaf = (uint32_t)hostpt_make_pte(&pt, 0x7000, 0);
		CHECK(maps(c, 0xABCDE000, 0x7000, 0));
	}
}

static void test_destroy_returns_frames(void)
{
	unsigned i, j;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		uint64_t free_before, direct_before;
		hpa_t root, tables[ARRAY_SIZE(spread)];

		pool_setup(100);
		free_before = pool.free;
		direct_before = pool.free_direct;
		CHECK(hostpt_init(&pt, c->mode, c->nx, &quota));
		for (j = 0; j < ARRAY_SIZE(spread); j++) {
			CHECK(hostpt_map(&pt, spread[j], 0x5000, HPT_USER));
			tables[j] = walk(&pt, spread[j]).table;
		}
		CHECK(hostpt_map_range(&pt, 0x00100000, 0x00100000,
				       64 * PAGE_SIZE, HPT_WRITE));
		CHECK_EQ(pool.free_direct, direct_before - pt.table_frames);
		root = pt.root;
		hostpt_destroy(&pt);
		CHECK_EQ(pt.table_frames, 0);
		CHECK_EQ(pt.root, FRAME_NONE);
		CHECK_EQ(pool.free, free_before);
		CHECK_EQ(pool.free_direct, direct_before);
		CHECK(frame_is_free(&pool, root));
		for (j = 0; j < ARRAY_SIZE(spread); j++)
			CHECK(frame_is_free(&pool, tables[j]));
		hostpt_destroy(&pt);    /* twice: nothing more to give back */
		CHECK_EQ(pool.free, free_before);
	}
}

static void test_init_fails_cleanly(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];

		pool_setup(0);
		CHECK(!hostpt_init(&pt, c->mode, c->nx, &quota));
		CHECK_EQ(pool.free_direct, 0);
		if (c->mode == PAGING_PAE) {
			pool_setup(4);          /* the PDPT and 3 of 4 directories */
			CHECK(!hostpt_init(&pt, c->mode, c->nx, &quota));
			CHECK_EQ(pool.free_direct, 4);
			CHECK_EQ(pt.table_frames, 0);
		}
	}
}

static void test_map_out_of_frames(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		const struct config *c = &configs[i];
		unsigned need = c->mode == PAGING_PAE ? 5 : 1;

		pool_setup(need + 1);
		CHECK(hostpt_init(&pt, c->mode, c->nx, &quota));
		CHECK(hostpt_map(&pt, 0x1000, 0x1000, HPT_WRITE));
		CHECK_EQ(pool.free_direct, 0);
		CHECK(hostpt_map(&pt, 0x2000, 0x2000, HPT_WRITE)); /* same table */
		CHECK(!hostpt_map(&pt, 0x40000000, 0x3000, HPT_WRITE));
		CHECK(unmapped(0x40000000));
		CHECK(hostpt_leaf(&pt, 0x40000000) == NULL);
		CHECK(maps(c, 0x2000, 0x2000, HPT_WRITE));
		hostpt_destroy(&pt);
		CHECK_EQ(pool.free_direct, need + 1);
	}
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_init),
		TEST_ENTRY(test_flag_combinations),
		TEST_ENTRY(test_pde_user_only_when_asked),
		TEST_ENTRY(test_pa_reach),
		TEST_ENTRY(test_unaligned_pa_refused),
		TEST_ENTRY(test_unmap),
		TEST_ENTRY(test_map_range),
		TEST_ENTRY(test_spread_addresses),
		TEST_ENTRY(test_leaf_pointer),
		TEST_ENTRY(test_destroy_returns_frames),
		TEST_ENTRY(test_init_fails_cleanly),
		TEST_ENTRY(test_map_out_of_frames),
	};
	return check_main("hostpt", tests, sizeof(tests) / sizeof(tests[0]));
}
