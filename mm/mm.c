#include <multiboot2.h>
#include <lib/console.h>
#include <lib/panic.h>
#include "layout.h"
#include "mm.h"

#define MAX_RANGES  (MB2_MAX_REGIONS + 2 * MB2_MAX_MODULES + 8)
#define LOW_MEMORY  (1ull * MiB)    /* BIOS areas and the real-mode IVT */
#define PHYS_ADDR_END (1ull << 52)  /* beyond any physical address */

struct frame_pool hv_frames;
struct hv_memory hv_memory;

extern char __image_start[], __image_end[];

static struct mem_range range_store[MAX_RANGES];

static void collect_available(const struct mb2_info *mbi, struct mem_ranges *set)
{
	unsigned i;

	for (i = 0; i < mbi->nregions; i++) {
		const struct mb2_region *r = &mbi->regions[i];

		if (r->type != MB2_MEMORY_AVAILABLE)
			continue;
		hv_memory.available += r->length;
		memranges_add(set, r->base, r->base + r->length);
	}
}

static void remove_in_use(const struct mb2_info *mbi, struct mem_ranges *set)
{
	unsigned i;

	memranges_remove(set, 0, LOW_MEMORY);
	memranges_remove(set, (uintptr_t)__image_start, (uintptr_t)__image_end);
	memranges_remove(set, (uintptr_t)mbi, (uintptr_t)mbi + mbi->total_size);
	for (i = 0; i < mbi->nmodules; i++)
		memranges_remove(set, mbi->modules[i].start, mbi->modules[i].end);
}

static hpa_t direct_top_of(const struct mem_ranges *set)
{
	hpa_t top = 0;
	unsigned i;

	for (i = 0; i < set->n; i++)
		if (set->r[i].base < HV_DIRECT_LIMIT)
			top = MIN(set->r[i].end, (hpa_t)HV_DIRECT_LIMIT);
	return top;
}

static void report(const struct mem_ranges *set)
{
	unsigned i;

	kprintf("memory: %llu MiB available, {%llu} MiB usable by the allocator\n",
		(unsigned long long)(hv_memory.available / MiB),
		(unsigned long long)(hv_memory.usable / MiB));
	for (i = 0; i < set->n; i++)
		kprintf("  usable {0x%09llx-0x%09llx}\n",
			(unsigned long long)set->r[i].base,
			(unsigned long long)set->r[i].end - 1);
	kprintf("memory: %llu MiB above 4 GiB in use",
		(unsigned long long)(hv_memory.usable_high / MiB));
	if (hv_memory.unreachable)
		kprintf(", %llu MiB out of reach of this paging mode",
			(unsigned long long)(hv_memory.unreachable / MiB));
	kprintf("\n");
}

void mm_init(const struct mb2_info *mbi, enum paging_mode mode)
{
	struct mem_ranges set = { range_store, 0, MAX_RANGES, 0 };
	hpa_t limit = mode == PAGING_PAE ? FRAME_MAX_PA : 4ull * GiB;
	hpa_t before;

	collect_available(mbi, &set);
	remove_in_use(mbi, &set);
	before = memranges_total(&set);
	memranges_remove(&set, limit, PHYS_ADDR_END);
	hv_memory.unreachable = before - memranges_total(&set);
	if (set.dropped)
		kprintf("memory: %u ranges did not fit and are left unused\n",
			set.dropped);
	hv_memory.usable = memranges_total(&set);
	hv_memory.usable_high = memranges_total_in(&set, 4ull * GiB, limit);
	hv_memory.direct_top = direct_top_of(&set);
	if (!frame_pool_init(&hv_frames, &set, hv_memory.direct_top))
		panic("memory: no room for the frame allocator");
	report(&set);
}
