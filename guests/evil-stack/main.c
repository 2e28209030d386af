/*
 * evil-stack breaks the HV_CALL_SET_STACK rules: the kernel stack segment
 * must be a writable ring-1 data segment and the stack 1 to 16 pages. Its
 * argument picks the call:
 *   ring0  segment 0x10, the hypervisor's own ring-0 data segment
 *   null   segment 0x01, the null selector with RPL 1
 *   pages  the guest's own ring-1 data segment, but 17 pages
 *   removed a good stack in a data segment of its own (GDT entry 21),
 *          then the entry removed, then ring 3: the hypervisor must not
 *          enter ring 3 with a kernel stack no trap could be taken on
 *   based  a stack in a segment with a base, where only base + ESP is
 *          mapped (ESP alone lies in a hole): accepted, because the CPU
 *          pushes at base + ESP; then the base moves to where nothing is
 *          mapped, which must kill the guest, naming the new page
 */
#include <stdio.h>
#include <string.h>
#include <x86/desc.h>
#include "hv.h"
#include "paging.h"

#define SEL_HV_DATA     0x10u
#define SEL_NULL_RPL1   0x01u
#define OWN_DATA        21u
#define SEL_OWN_DATA    ((OWN_DATA << 3) | 1u)

static char stack[2 * 4096] __attribute__((aligned(4096)));
static char ustack[4096] __attribute__((aligned(16)));

static void user(void)
{
	for (;;)
		;
}

#define STACK_VA        0x50000000u     /* two pages */
#define HOLE            0x00002000u     /* a page left unmapped */
#define BASED_ESP       (HOLE + 0x1000u)
#define BASE            (STACK_VA + 0x2000u - BASED_ESP)
#define MOVED_BASE      (BASE + 0x01000000u)

static void set_own_data(uint32_t base)
{
	struct desc d = desc_segment(base, 0x0FFFFFFFu, SEG_DATA_RW, 1);

	hcall(HV_CALL_LOAD_GDT_ENTRY, OWN_DATA, d.lo, d.hi, 0);
}

static void based(void)
{
	uint32_t root = pt_new_root();

	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
	pt_set(root, HOLE, 0, 0);
	pt_set(root, STACK_VA, pt_alloc_page() | PTE_P | PTE_W, 0);
	pt_set(root, STACK_VA + 0x1000, pt_alloc_page() | PTE_P | PTE_W, 0);
	pt_switch(root);
	set_own_data(BASE);
	hcall(HV_CALL_SET_STACK, SEL_OWN_DATA, BASED_ESP, 2, 0);
	printf("based: kernel stack at base 0x%08x + 0x%08x accepted\n", BASE,
	       BASED_ESP);
	set_own_data(MOVED_BASE);
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	uint32_t top = (uint32_t)stack + sizeof(stack);

	if (strcmp(how, "ring0") == 0)
		hcall(HV_CALL_SET_STACK, SEL_HV_DATA, top, 1, 0);
	else if (strcmp(how, "null") == 0)
		hcall(HV_CALL_SET_STACK, SEL_NULL_RPL1, top, 1, 0);
	else if (strcmp(how, "pages") == 0)
		hcall(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA, top, 17, 0);
	else if (strcmp(how, "removed") == 0) {
		/* Ring-1 writable data, 4 GiB (cut below the switcher). */
		hcall(HV_CALL_LOAD_GDT_ENTRY, OWN_DATA, 0x0000FFFFu, 0x00CFB200u, 0);
		hcall(HV_CALL_SET_STACK, SEL_OWN_DATA, top, 2, 0);
		hcall(HV_CALL_LOAD_GDT_ENTRY, OWN_DATA, 0, 0, 0);
		enter_user(user, ustack + sizeof(ustack));
	} else if (strcmp(how, "based") == 0)
		based();
	else
		hv_crash("unknown variant");
	hv_crash("still alive after setting a bad kernel stack");
}
