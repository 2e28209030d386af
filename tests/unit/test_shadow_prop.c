/* The shadow pager under random guest activity, checked against a reference walk. */
#include <stdarg.h>
#include <stdlib.h>
#include <mm/shadow.h>
#include "check.h"
#include "shadow_combos.h"
#include "gpt_builder.h"
#include "sim_phys.h"

#define DEFAULT_SEED    0x5EED2024ull
#define DEFAULT_STEPS   5000u           /* per combination */
#define POOL_LO         (1 * MiB)
#define POOL_HI         ((hpa_t)SIM_MEM_SIZE)
#define DIRECT_LIMIT    (16 * MiB)
#define GUEST_BYTES     (9u * MiB)
#define TABLES_LO       (1 * MiB)
#define TABLES_HI       (3 * MiB)
#define KERNEL          0xC0000000u
#define NROOTS          6               /* more than SHADOW_SPACES */
#define NCPUS           2


/* Directory spans the guest uses: 4 MiB aligned, below the reserve. */
static const uint32_t regions[] = {
	0x00400000, 0x00800000, 0x08000000, 0x3FC00000, 0x40000000,
	0xBFC00000, 0xC0000000, 0xC0400000, 0xFF800000,
};
static const uint32_t offsets[] = { 0, 0x1000, 0x1FF000, 0x200000, 0x3FF000 };

static const struct combo *C;
static uint64_t seed, rng;
static unsigned steps;
static struct mem_range store[4];
static struct frame_pool pool;
static struct guest_mem mem;
static struct gpt G;
static struct shadow S;
static gpa_t roots[NROOTS];
static hpa_t sw[NCPUS];
static uint64_t free_start;
static char case_name[128];
static unsigned hits, kills;            /* accesses the shadow let through */
static bool tight;                      /* the smallest quota that works */
static bool trace;                      /* SHADOW_PROP_TRACE: print each step */

static PRINTF(1, 2) void note(const char *fmt, ...)
{
	va_list ap;

	if (!trace)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- Reproducible randomness: splitmix64. ---- */

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static bool chance(unsigned percent)
{
	return below(100) < percent;
}

/* ---- The guest's world. ---- */

static bool pae_host(void)
{
	return C->host == PAGING_PAE;
}

static uint32_t reserve_top(void)
{
	return pae_host() ? 0xFFE00000u : 0xFFC00000u;
}

static hpa_t hpa(gpa_t gpa)
{
	return guest_mem_hpa(&mem, gpa);
}

/* An address of the working set, or (wide) sometimes anywhere below the reserve. */
static uint32_t rand_addr(bool wide)
{
	if (wide && chance(10))
		return (uint32_t)(rnd() % reserve_top());
	return regions[below(ARRAY_SIZE(regions))] +
	       offsets[below(ARRAY_SIZE(offsets))] + below(PAGE_SIZE);
}

static uint64_t rand_flags(void)
{
	uint64_t f = 0;

	f |= chance(60) ? G_W : 0;
	f |= chance(50) ? G_U : 0;
	f |= chance(25) ? G_NX : 0;
	f |= chance(50) ? G_A : 0;
	f |= chance(30) ? G_D : 0;
	return f;
}

static bool current_is_linear(void)
{
	return S.cur->root == SHADOW_LINEAR;
}

/* What the guest's current address space says about gva. */
static struct ref cur_ref(uint32_t gva)
{
	if (current_is_linear())
		return ref_linear(&mem, gva);
	return ref_walk(&G, S.cur->root, gva);
}

/* The guest's leaf entry for gva in the current space (0: linear). */
static uint64_t cur_leaf(const struct ref *r)
{
	return r->leaf == GPT_NONE ? 0 : gpt_get(&G, r->leaf);
}

static struct hwalk hw(uint32_t gva)
{
	struct hwalk h = host_walk(S.cur->pt.root, pae_host(), gva);
	uint64_t e = hostpt_entry(&S.cur->pt, gva);

	CHECK_EQ(h.present ? h.pte : 0, (e & G_P) ? e : 0);
	return h;
}

/* ---- The switcher's tables, one per CPU, with a pattern to keep. ---- */

static uint32_t sw_word(unsigned cpu, unsigned i)
{
	return 0xC3000000u ^ (cpu << 16) ^ i;
}

static bool switcher_intact(void)
{
	uint32_t rt = reserve_top();
	unsigned i, cpu;

	for (i = 0; i < SHADOW_SPACES; i++) {
		const struct shadow_space *sp = &S.spaces[i];
		uint64_t top;

		if (!sp->used || sp->cpu == SHADOW_NO_CPU)
			continue;
		if (pae_host()) {
			uint64_t pdpte = ((uint64_t *)sim_ptr(sp->pt.root))[rt >> 30];

			top = ((uint64_t *)sim_ptr(pdpte & G_ADDR64))[(rt >> 21) & 511];
		} else {
			top = ((uint32_t *)sim_ptr(sp->pt.root))[rt >> 22];
		}
		if (sp->cpu >= NCPUS || top != (sw[sp->cpu] | G_P | G_W))
			return false;
	}
	for (cpu = 0; cpu < NCPUS; cpu++) {
		uint32_t *t = sim_ptr(sw[cpu]);

		if (frame_is_free(&pool, sw[cpu]))
			return false;
		for (i = 0; i < PAGE_SIZE / 4; i++)
			if (t[i] != sw_word(cpu, i))
				return false;
	}
	return true;
}

/* ---- Set-up and teardown. ---- */

static void setup_roots(void)
{
	unsigned i;

	for (i = 0; i < NROOTS; i++)
		roots[i] = gpt_new_root(&G);
	if (C->guest != GPT_PAE)
		return;
	/* One kernel directory under every PDPT, as a PAE kernel shares it. */
	gpt_put(&G, gpt_top_slot(&G, roots[0], KERNEL), gpt_alloc(&G) | G_P);
	for (i = 1; i < NROOTS; i++)
		gpt_put(&G, gpt_top_slot(&G, roots[i], KERNEL),
			gpt_get(&G, gpt_top_slot(&G, roots[0], KERNEL)));
}

/*
 * The guest's quota, or the tightest one: a top table per space and two
 * page tables (what one pin of a page at a table's edge and one fault need).
 */
static uint32_t quota(void)
{
	if (tight)
		return SHADOW_SPACES * (pae_host() ? 5 : 1) + 2;
	return shadow_quota(C->host, GUEST_BYTES, reserve_top());
}

static void setup(const struct combo *c)
{
	struct mem_ranges usable = { store, 0, ARRAY_SIZE(store), 0 };
	unsigned cpu, i;

	C = c;
	sim_reset();
	memranges_add(&usable, POOL_LO, POOL_HI);
	CHECK(frame_pool_init(&pool, &usable, DIRECT_LIMIT));
	free_start = pool.free;
	CHECK(guest_mem_alloc(&mem, GUEST_BYTES, &pool));
	gpt_init(&G, &mem, c->guest, TABLES_LO, TABLES_HI);
	CHECK(shadow_create(&S, c->host, c->nx, &pool, &mem, reserve_top(),
			    quota()));
	S.kernel_address = KERNEL;
	for (cpu = 0; cpu < NCPUS; cpu++) {
		uint32_t *t;

		sw[cpu] = frame_alloc(&pool, FRAME_DIRECT);
		t = sim_ptr(sw[cpu]);
		for (i = 0; i < PAGE_SIZE / 4; i++)
			t[i] = sw_word(cpu, i);
	}
	shadow_use_cpu(&S, 0, sw[0]);
	setup_roots();
}

static void teardown(void)
{
	unsigned cpu;

	shadow_destroy(&S);
	for (cpu = 0; cpu < NCPUS; cpu++)
		CHECK(frame_free(&pool, sw[cpu]));
	guest_mem_free(&mem, &pool);
	CHECK_EQ(pool.free, free_start);
}

/* ---- Changing the tables, and telling the pager as a guest must. ---- */

/* A root for a change at gva: the first (kernel, shared), or any. */
static gpa_t change_root(uint32_t gva)
{
	if (gva >= KERNEL)
		return roots[0];
	if (!current_is_linear() && chance(75))
		return S.cur->root;
	return roots[below(NROOTS)];
}

static void notify(gpa_t root, uint32_t gva, enum gpt_change ch)
{
	unsigned i;

	if (gva >= KERNEL && ch >= GPT_CH_PDE) {
		/*
		 * Kernel mappings are the same in every root. (Only a changed
		 * entry is copied: a copy also carries the accessed and dirty
		 * bits the pager set in one root's copy of a large page.)
		 */
		for (i = 1; i < NROOTS; i++)
			gpt_put(&G, gpt_top_slot(&G, roots[i], gva),
				gpt_get(&G, gpt_top_slot(&G, roots[0], gva)));
	}
	if (gva >= KERNEL)
		root = roots[below(NROOTS)];
	note("  notify root 0x%llx gva 0x%08x level %d\n",
	     (unsigned long long)root, gva, ch);
	switch (ch) {
	case GPT_CH_NONE:
		break;
	case GPT_CH_PTE:
		CHECK_NULL(shadow_set_pte(&S, root, gva));
		break;
	case GPT_CH_PDE:
		CHECK_NULL(shadow_invalidate(&S, root, gva,
					     gwalk_dir_span(C->guest)));
		break;
	case GPT_CH_TOP:
		CHECK_NULL(shadow_invalidate(&S, root, gva,
					     gwalk_top_span(C->guest)));
		break;
	}
}

static void op_map(void)
{
	uint32_t gva = rand_addr(false);
	gpa_t root = change_root(gva);
	gpa_t gpa = (gpa_t)below(GUEST_BYTES / PAGE_SIZE) * PAGE_SIZE;
	uint64_t flags = rand_flags();

	note("map root 0x%llx gva 0x%08x gpa 0x%llx flags 0x%llx\n",
	     (unsigned long long)root, gva, (unsigned long long)gpa,
	     (unsigned long long)flags);
	notify(root, gva, gpt_map(&G, root, gva, gpa, flags));
}

static void op_map_large(void)
{
	uint32_t gva = rand_addr(false);
	gpa_t root = change_root(gva);
	uint64_t span = gpt_span(&G);
	gpa_t gpa = below((unsigned)(GUEST_BYTES / span)) * span;
	uint64_t flags = rand_flags();

	note("map-large root 0x%llx gva 0x%08x gpa 0x%llx flags 0x%llx\n",
	     (unsigned long long)root, gva, (unsigned long long)gpa,
	     (unsigned long long)flags);
	notify(root, gva, gpt_map_large(&G, root, gva, gpa, flags));
}

static void op_unmap(void)
{
	uint32_t gva = rand_addr(false);
	gpa_t root = change_root(gva);

	note("unmap root 0x%llx gva 0x%08x\n", (unsigned long long)root, gva);
	notify(root, gva, gpt_unmap(&G, root, gva));
}

static void op_unmap_dir(void)
{
	uint32_t gva = rand_addr(false);
	gpa_t root = change_root(gva);

	note("unmap-dir root 0x%llx gva 0x%08x\n", (unsigned long long)root, gva);
	notify(root, gva, gpt_unmap_dir(&G, root, gva));
}

/* Flips W, U, NX, A or D in a leaf or a directory entry. */
static void op_bits(void)
{
	static const uint64_t bits[] = { G_W, G_U, G_A, G_D, G_NX };
	uint32_t gva = rand_addr(false);
	gpa_t root = change_root(gva);
	enum gpt_change ch = GPT_CH_NONE;
	gpa_t pde = gpt_pde_slot(&G, root, gva, false, &ch);
	gpa_t at = chance(70) ? gpt_leaf_slot(&G, root, gva) : pde;
	uint64_t bit = bits[below(C->guest == GPT_PAE ? 5 : 4)];

	if (at == GPT_NONE || !(gpt_get(&G, at) & G_P))
		return;
	note("bits root 0x%llx gva 0x%08x entry 0x%llx ^ 0x%llx\n",
	     (unsigned long long)root, gva, (unsigned long long)at,
	     (unsigned long long)bit);
	gpt_put(&G, at, gpt_get(&G, at) ^ bit);
	notify(root, gva, at == pde ? GPT_CH_PDE : GPT_CH_PTE);
}

static void op_switch(void)
{
	gpa_t root = roots[below(NROOTS)];
	unsigned cpu = below(NCPUS);

	note("switch root 0x%llx cpu %u\n", (unsigned long long)root, cpu);
	CHECK_NULL(shadow_set_root(&S, C->guest, root));
	shadow_use_cpu(&S, cpu, sw[cpu]);
	CHECK(S.cur->root == root);
	CHECK_EQ(S.cur->cpu, cpu);
}

static void op_flush(void)
{
	bool all = chance(50);

	note("flush %s\n", all ? "all" : "user");
	shadow_flush(&S, all);
}

/* ---- Accesses: the CPU on the shadow, the pager on a fault. ---- */

static const unsigned accesses[] = {
	0, ACC_WRITE, ACC_USER, ACC_USER | ACC_WRITE, ACC_FETCH,
	ACC_FETCH | ACC_USER,
};

/* The shadow lets the access through: the guest must agree. */
static void agrees(unsigned acc, const struct hwalk *h, const struct ref *r)
{
	CHECK(ref_allows(r, acc, C->nx));
	CHECK_EQ(h->frame, hpa(r->page));
	if (current_is_linear())
		return;
	CHECK(cur_leaf(r) & G_A);
	if (acc & ACC_WRITE)
		CHECK(cur_leaf(r) & G_D);
}

/*
 * The error codes compared. I/D is judged only where the guest runs on PAE
 * tables of its own: a 2-level guest has no NX, the linear map no tables.
 */
static uint32_t judged(uint32_t error)
{
	if (C->guest == GPT_PAE && !current_is_linear())
		return error;
	return error & ~E_I;
}

/*
 * One access: if the shadow lets it through, the guest's tables must agree;
 * if not, the pager fixes it exactly when the guest allows it, and reflects
 * the guest's own error code otherwise.
 */
static void one_access(uint32_t gva)
{
	uint32_t error = 0xDEAD;
	unsigned acc = accesses[below(ARRAY_SIZE(accesses))];
	struct hwalk h = hw(gva);
	struct ref r = cur_ref(gva);
	const char *why = NULL;
	enum shadow_fault f;

	note("access gva 0x%08x acc %u: shadow %s\n", gva, acc,
	     host_allows(&h, acc) ? "allows" : "faults");
	if (host_allows(&h, acc)) {
		agrees(acc, &h, &r);
		hits++;
		return;
	}
	f = shadow_fault(&S, gva, host_pfec(&h, acc, C->nx), &error, &why);
	if (ref_allows(&r, acc, C->nx)) {
		CHECK_EQ(f, SF_FIXED);
		h = hw(gva);
		CHECK(host_allows(&h, acc));
		r = cur_ref(gva);
		agrees(acc, &h, &r);
		return;
	}
	CHECK_EQ(f, SF_REFLECT);
	CHECK_EQ(judged(error), judged(ref_error(&r, acc, C->nx)));
	h = hw(gva);
	CHECK(!host_allows(&h, acc));
}

static void op_pin(void)
{
	uint32_t gva = rand_addr(false);
	struct ref r = cur_ref(gva);
	const char *why = shadow_pin(&S, gva);
	struct hwalk h;

	note("pin gva 0x%08x: %s\n", gva, why ? why : "ok");
	CHECK_EQ(why == NULL, ref_allows(&r, ACC_WRITE, C->nx));
	if (why)
		return;
	h = hw(gva);
	CHECK(host_allows(&h, ACC_WRITE));
	r = cur_ref(gva);
	agrees(ACC_WRITE, &h, &r);
}

/* A few accesses to one page, as a guest's instructions would make. */
static void op_access(void)
{
	uint32_t gva = rand_addr(true);
	unsigned i, n = 1 + below(4);

	for (i = 0; i < n; i++)
		one_access((gva & ~(uint32_t)(PAGE_SIZE - 1)) + below(PAGE_SIZE));
}

/* A value putting a frame past the guest's memory at some level of r's walk. */
static bool choose_break(const struct ref *r, gpa_t *at, uint64_t *value)
{
	uint64_t span = gpt_span(&G), up = ALIGN_UP((uint64_t)GUEST_BYTES, span);
	uint64_t past = up + below(64) * PAGE_SIZE;

	switch (below(4)) {
	case 0:                 /* a PDPT entry */
		*at = C->guest == GPT_PAE ? r->top : GPT_NONE;
		*value = past | G_P;
		break;
	case 1:                 /* a directory entry's table */
		*at = r->pde;
		*value = past | G_P | G_W | G_U;
		break;
	case 2:                 /* a large page, wholly or partly past */
		*at = r->pde;
		*value = (chance(50) ? up : ALIGN_DOWN((uint64_t)GUEST_BYTES, span)) |
			 G_P | G_PS | G_W | G_U;
		break;
	default:                /* a page-table entry */
		*at = r->pte;
		*value = (GUEST_BYTES + below(64) * PAGE_SIZE) | G_P | G_W;
		break;
	}
	return *at != GPT_NONE;
}

/* Breaks an entry: the pager must refuse it; then it is put back. */
static void op_inject(void)
{
	uint32_t gva = rand_addr(false), error = 0;
	unsigned acc = accesses[below(ARRAY_SIZE(accesses))];
	const char *why = NULL;
	uint64_t value, old;
	struct hwalk h;
	struct ref r;
	gpa_t at;

	if (current_is_linear())
		return;
	r = cur_ref(gva);
	if (r.kind == REF_BAD || !choose_break(&r, &at, &value))
		return;
	old = gpt_get(&G, at);
	note("inject gva 0x%08x entry 0x%llx = 0x%llx\n", gva,
	     (unsigned long long)at, (unsigned long long)value);
	gpt_put(&G, at, value);
	r = cur_ref(gva);
	CHECK(r.kind == REF_BAD);
	CHECK(shadow_set_pte(&S, S.cur->root, gva) != NULL);
	shadow_flush(&S, true);
	h = hw(gva);
	CHECK(!h.present);
	CHECK_EQ(shadow_fault(&S, gva, host_pfec(&h, acc, C->nx), &error, &why),
		 SF_KILL);
	CHECK(why != NULL);
	kills++;
	CHECK_EQ(gpt_get(&G, at), value);
	gpt_put(&G, at, old);
}

/* ---- Every cached space against the reference, at the working set. ---- */

static void check_entry(const struct shadow_space *sp, uint32_t gva)
{
	struct hwalk h = host_walk(sp->pt.root, pae_host(), gva);
	struct ref r;
	uint64_t leaf;

	if (!h.present)
		return;
	if (sp->root == SHADOW_LINEAR) {
		r = ref_linear(&mem, gva);
		leaf = G_A | G_D;
	} else {
		r = ref_walk(&G, sp->root, gva);
		leaf = r.leaf == GPT_NONE ? 0 : gpt_get(&G, r.leaf);
	}
	CHECK(r.kind == REF_MAPPED);
	CHECK_EQ(h.frame, hpa(r.page));
	CHECK(leaf & G_A);
	CHECK(!h.w || (r.w && (leaf & G_D)));
	CHECK(!h.u || r.u);
	CHECK(!C->nx || !r.nx || h.nx);
}

static void check_spaces(void)
{
	unsigned i, j, k;

	for (i = 0; i < SHADOW_SPACES; i++) {
		if (!S.spaces[i].used)
			continue;
		for (j = 0; j < ARRAY_SIZE(regions); j++)
			for (k = 0; k < ARRAY_SIZE(offsets); k++)
				check_entry(&S.spaces[i], regions[j] + offsets[k]);
	}
}

/* ---- The run. ---- */

enum op {
	OP_ACCESS, OP_MAP, OP_MAP_LARGE, OP_UNMAP, OP_UNMAP_DIR, OP_BITS,
	OP_SWITCH, OP_FLUSH, OP_PIN, OP_INJECT, OP_COUNT,
};

static const struct {
	const char *name;
	void (*fn)(void);
	unsigned weight;
} ops[OP_COUNT] = {
	[OP_ACCESS] = { "access", op_access, 45 },
	[OP_MAP] = { "map", op_map, 14 },
	[OP_MAP_LARGE] = { "map-large", op_map_large, 4 },
	[OP_UNMAP] = { "unmap", op_unmap, 6 },
	[OP_UNMAP_DIR] = { "unmap-dir", op_unmap_dir, 3 },
	[OP_BITS] = { "bits", op_bits, 15 },
	[OP_SWITCH] = { "switch", op_switch, 7 },
	[OP_FLUSH] = { "flush", op_flush, 2 },
	[OP_PIN] = { "pin", op_pin, 3 },
	[OP_INJECT] = { "inject", op_inject, 1 },
};

static enum op pick_op(void)
{
	unsigned total = 0, i, n;

	for (i = 0; i < OP_COUNT; i++)
		total += ops[i].weight;
	n = below(total);
	for (i = 0; n >= ops[i].weight; i++)
		n -= ops[i].weight;
	return (enum op)i;
}

static void run_combo(unsigned index)
{
	unsigned step;

	rng = seed + index * 0x632BE59BD9B4E019ull;
	hits = kills = 0;
	setup(&combos[index]);
	for (step = 0; step < steps; step++) {
		int failed = check_failed;
		enum op op = pick_op();

		ops[op].fn();
		CHECK(S.frames.used <= S.frames.limit);
		check_spaces();
		CHECK_NULL(shadow_check(&S));
		CHECK(switcher_intact());
		if (check_failed != failed) {
			fprintf(stderr, "%s: failed at step %u (%s); replay with "
				"SHADOW_PROP_SEED=0x%llx SHADOW_PROP_STEPS=%u "
				"(SHADOW_PROP_TRACE=1 prints every step)\n",
				case_name, step, ops[op].name,
				(unsigned long long)seed, step + 1);
			break;
		}
	}
	printf("%s: %u steps: %u hits, %llu fixed, %llu reflected, %u killed, "
	       "%llu prefills, %llu switches, %llu evictions, %llu reclaims, "
	       "at most %u of %u frames\n", case_name, step,
	       hits, (unsigned long long)S.stats.faults_fixed,
	       (unsigned long long)S.stats.faults_reflected, kills,
	       (unsigned long long)S.stats.prefills,
	       (unsigned long long)S.stats.switches,
	       (unsigned long long)S.stats.evictions,
	       (unsigned long long)S.stats.reclaims, S.frames.peak,
	       S.frames.limit);
	if (step == steps && steps >= 1000) {
		/* The mix reached every path. */
		CHECK(S.stats.evictions > 0);
		CHECK(S.stats.faults_fixed > 0 && S.stats.faults_reflected > 0);
		CHECK(S.stats.prefills > 0 && hits > 0 && kills > 0);
		/* The tight quota was hit, and only it. */
		CHECK_EQ(S.stats.reclaims > 0, tight);
	}
	teardown();
}

static void run(unsigned index)
{
	tight = false;
	snprintf(case_name, sizeof(case_name), "random[%s]", combos[index].name);
	check_current = case_name;
	run_combo(index);
	tight = true;
	snprintf(case_name, sizeof(case_name), "random[%s, tight quota]",
		 combos[index].name);
	run_combo(index);
}

static void test_2level_on_2level(void)
{
	run(0);
}

static void test_2level_on_pae(void)
{
	run(1);
}

static void test_pae_on_2level(void)
{
	run(2);
}

static void test_pae_on_pae(void)
{
	run(3);
}

static uint64_t env_number(const char *name, uint64_t fallback)
{
	const char *v = getenv(name);

	return v && *v ? strtoull(v, NULL, 0) : fallback;
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_2level_on_2level),
		TEST_ENTRY(test_2level_on_pae),
		TEST_ENTRY(test_pae_on_2level),
		TEST_ENTRY(test_pae_on_pae),
	};
	static char suite[96];

	seed = env_number("SHADOW_PROP_SEED", DEFAULT_SEED);
	steps = (unsigned)env_number("SHADOW_PROP_STEPS", DEFAULT_STEPS);
	trace = env_number("SHADOW_PROP_TRACE", 0) != 0;
	snprintf(suite, sizeof(suite), "shadow_prop (seed 0x%llx, steps %u)",
		 (unsigned long long)seed, steps);
	return check_main(suite, tests, ARRAY_SIZE(tests));
}
