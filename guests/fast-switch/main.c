/*
 * fast-switch: a NEW_PGTABLE between address spaces whose shadows are
 * cached is done by the switcher without an exit (the shared page's
 * time_ns, set at every entry, stays as it was), and only where that
 * changes nothing the guest can see: each space still sees its own page,
 * a call waiting in the async ring still runs first, a new kernel address
 * is still taken, and a space whose shadow lost the kernel stack goes
 * through the hypervisor, which maps it again.
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"

#define SWITCHES    1000
#define WINDOW      0x40000000u
#define KERNEL_VA   0xC0000000u

static uint8_t kstack[4096] __attribute__((aligned(4096)));

static uint64_t entry_time(void)
{
	return *(volatile uint64_t *)&hv_self()->time_ns;
}

/* Whether the hypervisor entered the guest again during the switch. */
static int switch_exits(uint32_t root)
{
	uint64_t before = entry_time();

	pt_switch(root);
	return entry_time() != before;
}

static uint32_t seen(void)
{
	return *(volatile uint32_t *)WINDOW;
}

static uint32_t space(uint32_t value)
{
	uint32_t root = pt_new_root(), page = pt_alloc_page();

	*(volatile uint32_t *)page = value;
	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
	pt_set(root, WINDOW, page | PTE_P | PTE_W, 0);
	return root;
}

int main(void)
{
	uint32_t a, b;
	int i, ok = 1, exits = 0;

	hv_self()->kernel_address = KERNEL_VA;
	hv_set_kernel_stack(kstack + sizeof(kstack), 1);
	a = space(1);
	b = space(2);
	pt_switch(a);
	ok &= seen() == 1;
	pt_switch(b);
	ok &= seen() == 2;
	for (i = 0; i < SWITCHES; i++) {
		exits += switch_exits(a);
		ok &= seen() == 1;
		exits += switch_exits(b);
		ok &= seen() == 2;
	}
	check(ok, "each space sees its own page across %d switches", 2 * SWITCHES);
	/* Interrupts may come in between; every switch exiting would be 2000. */
	check(exits < SWITCHES / 4, "switches between cached spaces stay in the guest");

	hv_async(HV_CALL_NEW_PGTABLE, b, 0, 0, 0);
	pt_switch(a);
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	check(seen() == 1, "a switch queued in the ring runs before a later one");

	hv_self()->kernel_address = KERNEL_VA + 0x400000;
	check(switch_exits(a), "a new kernel address goes to the hypervisor");
	hv_self()->kernel_address = KERNEL_VA;
	switch_exits(b);

	/* a's entry for the stack again, never accessed: its shadow drops
	 * the page and does not fill it in (b runs on). */
	pt_set(a, (uint32_t)kstack, (uint32_t)kstack | PTE_P | PTE_W, 1);
	check(switch_exits(a) && seen() == 1,
	      "a space whose shadow lost the kernel stack is switched to by the "
	      "hypervisor");
	return check_summary();
}
