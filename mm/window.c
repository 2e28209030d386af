/*
 * The windows change the host page table that every CPU shares, under
 * window_lock (rank HOSTPT, lib/lock_order.h). The module window is one
 * range for one CPU at a time: the lock is held from module_window_map to
 * module_window_unmap, and the CPU flushes the window's addresses before
 * it reads them, so what another CPU mapped there before cannot linger in
 * its TLB. A shared page's slot is read by other CPUs too (the monitor):
 * unmapping it shoots its translation down everywhere.
 */
#include <x86/io.h>
#include <lib/panic.h>
#include <lib/spinlock.h>
#include "tlb.h"
#include "frame.h"
#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "window.h"

static struct spinlock window_lock = SPINLOCK_RANKED(LOCK_RANK_HOSTPT);
static uint32_t window_len;

static const void *map_module(hpa_t pa, uint32_t len)
{
	hpa_t first = pa & PAGE_MASK;
	uint32_t span = (uint32_t)ALIGN_UP(pa + len - first, (hpa_t)PAGE_SIZE);
	uint32_t off;

	if (pa + len <= hv_memory.direct_top)
		return (const void *)(uintptr_t)pa;
	if (window_len)
		panic("module window: already in use");
	if (span > MODULE_WINDOW_SIZE)
		return NULL;
	if (!hostpt_map_range(&host_pt, MODULE_WINDOW_BASE, first, span, 0))
		return NULL;
	window_len = span;
	for (off = 0; off < span; off += PAGE_SIZE)
		invlpg(MODULE_WINDOW_BASE + off);
	return (const void *)(uintptr_t)(MODULE_WINDOW_BASE + (uint32_t)(pa - first));
}

const void *module_window_map(hpa_t pa, uint32_t len)
{
	const void *at;

	spin_lock(&window_lock);
	at = map_module(pa, len);
	if (!at)
		spin_unlock(&window_lock);
	return at;
}

void module_window_unmap(void)
{
	uint32_t off;

	for (off = 0; off < window_len; off += PAGE_SIZE) {
		hostpt_unmap(&host_pt, MODULE_WINDOW_BASE + off);
		invlpg(MODULE_WINDOW_BASE + off);
	}
	window_len = 0;
	spin_unlock(&window_lock);
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
	bool mapped = true;

	spin_lock(&window_lock);
	if (pa == FRAME_NONE)
		hostpt_unmap(&host_pt, va);
	else
		mapped = hostpt_map(&host_pt, va, pa, HPT_WRITE);
	spin_unlock(&window_lock);
	if (!mapped)
		panic("shared page: cannot map slot %u", slot);
	if (pa == FRAME_NONE) {
		tlb_shootdown(va);
		return NULL;
	}
	invlpg(va);
	return (void *)(uintptr_t)va;
}
