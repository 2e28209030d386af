#include <x86/io.h>
#include <lib/panic.h>
#include "frame.h"
#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "window.h"

static uint32_t window_len;

const void *module_window_map(hpa_t pa, uint32_t len)
{
	hpa_t first = pa & PAGE_MASK;
	uint32_t span = (uint32_t)ALIGN_UP(pa + len - first, (hpa_t)PAGE_SIZE);

	if (pa + len <= hv_memory.direct_top)
		return (const void *)(uintptr_t)pa;
	if (window_len)
		panic("module window: already in use");
	if (span > MODULE_WINDOW_SIZE)
		return NULL;
	if (!hostpt_map_range(&host_pt, MODULE_WINDOW_BASE, first, span, 0))
		return NULL;
	window_len = span;
	return (const void *)(uintptr_t)(MODULE_WINDOW_BASE + (uint32_t)(pa - first));
}

void module_window_unmap(void)
{
	uint32_t off;

	for (off = 0; off < window_len; off += PAGE_SIZE) {
		hostpt_unmap(&host_pt, MODULE_WINDOW_BASE + off);
		invlpg(MODULE_WINDOW_BASE + off);
	}
	window_len = 0;
}

void *screen_window_map(hpa_t pa, uint64_t len)
{
	hpa_t first = pa & PAGE_MASK;
	uint64_t span = ALIGN_UP(pa + len - first, (hpa_t)PAGE_SIZE);

	if (span > SCREEN_WINDOW_SIZE)
		return NULL;
	if (host_pt.mode == PAGING_2LEVEL && first + span > 4ull * GiB)
		return NULL;
	if (!hostpt_map_range(&host_pt, SCREEN_WINDOW_BASE, first,
			      (uint32_t)span, HPT_WRITE))
		return NULL;
	return (void *)(uintptr_t)(SCREEN_WINDOW_BASE + (uint32_t)(pa - first));
}

void *shared_page_map(unsigned slot, hpa_t pa)
{
	uint32_t va = SHARED_PAGES_BASE + slot * PAGE_SIZE;

	if (pa == FRAME_NONE) {
		hostpt_unmap(&host_pt, va);
	} else if (!hostpt_map(&host_pt, va, pa, HPT_WRITE)) {
		panic("shared page: cannot map slot %u", slot);
	}
	invlpg(va);
	return pa == FRAME_NONE ? NULL : (void *)(uintptr_t)va;
}
