#include <x86/cr.h>
#include <x86/io.h>
#include <x86/msr.h>
#include <lib/panic.h>
#include "layout.h"
#include "mm.h"
#include "paging.h"

struct hostpt host_pt;
static struct frame_quota host_tables;    /* unlimited: its own, at boot */

extern char __image_start[], __text_end[], __rodata_end[], __image_end[];
extern char boot_stack_guard[];

static void map_or_die(uint32_t va, hpa_t pa, uint32_t len, unsigned flags)
{
	if (!hostpt_map_range(&host_pt, va, pa, len, flags))
		panic("paging: out of memory mapping 0x%x", va);
}

static void map_image(void)
{
	uint32_t text = (uint32_t)__image_start, rodata = (uint32_t)__text_end;
	uint32_t data = (uint32_t)__rodata_end, end = (uint32_t)__image_end;
	uint32_t guard = (uint32_t)boot_stack_guard;

	map_or_die(text, text, rodata - text, HPT_EXEC);
	map_or_die(rodata, rodata, data - rodata, 0);
	map_or_die(data, data, end - data, HPT_WRITE);
	hostpt_unmap(&host_pt, guard);
}

uint32_t paging_switcher_base(enum paging_mode mode)
{
	return mode == PAGING_PAE ? SWITCHER_BASE_PAE : SWITCHER_BASE_2LEVEL;
}

void paging_enable(enum paging_mode mode, bool nx, hpa_t direct_top,
		   uint32_t lapic_pa)
{
	uint32_t cr4 = read_cr4() & ~(CR4_PAE | CR4_PGE);

	frame_quota_init(&host_tables, &hv_frames, FRAME_QUOTA_UNLIMITED);
	if (!hostpt_init(&host_pt, mode, nx, &host_tables))
		panic("paging: no memory for the page tables");
	map_or_die(PAGE_SIZE, PAGE_SIZE, (uint32_t)direct_top - PAGE_SIZE,
		   HPT_WRITE);
	map_image();
	if (lapic_pa)
		map_or_die(lapic_pa, lapic_pa, PAGE_SIZE,
			   HPT_WRITE | HPT_NOCACHE);

	/* Global pages stay off: the TLB must not keep host mappings when a
	 * guest's table is loaded. */
	if (mode == PAGING_PAE)
		cr4 |= CR4_PAE;
	write_cr4(cr4);
	if (host_pt.nx)
		wrmsr(MSR_EFER, EFER_NXE);     /* the rest was cleared at boot */
	write_cr3((uint32_t)host_pt.root);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}
