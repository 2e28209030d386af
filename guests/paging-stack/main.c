/*
 * paging-stack: the kernel stack sits on a page the guest has just
 * remapped to another frame. Traps from ring 3 (a direct system-call trap,
 * which never leaves the guest, and a delivered page fault) must push their
 * frames on the new frame, through the guest's new mapping.
 */
#include <stdio.h>
#include <string.h>
#include <x86/exception.h>
#include "hv.h"
#include "paging.h"

#define STACK_VA    0x50000000u     /* the kernel stack's one page */
#define WINDOW      0x40000000u

static volatile uint32_t seen_esp;
static uint8_t user_stack[4096] __attribute__((aligned(4096)));


static void syscall(struct trap_regs *r)
{
	seen_esp = (uint32_t)r;
	leave_user((int)r->eax);
}

static void page_fault(struct trap_regs *r)
{
	seen_esp = (uint32_t)r;
	leave_user(-1);
}

static void user_syscall(void)
{
	__asm__ volatile("movl $42, %eax; int $0x80");
}

static void user_fault(void)
{
	*(volatile uint32_t *)WINDOW = 1;
}

/* Points the stack page at a fresh frame; returns the frame. */
static uint32_t remap_stack(uint32_t root)
{
	uint32_t frame = pt_alloc_page();

	pt_map(root, STACK_VA, frame, PTE_W);
	return frame;
}

static int on_frame(uint32_t frame)
{
	uint32_t off = seen_esp - STACK_VA;

	/* The frame must hold what the CPU pushed: the user SS at the top. */
	return seen_esp >= STACK_VA && off < 4096 &&
	       *(volatile uint32_t *)(frame + 4092) == HV_SEL_USER_DATA;
}

int main(void)
{
	uint32_t root = pt_new_root(), frame;
	int ret;

	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_map(root, STACK_VA, pt_alloc_page(), PTE_W);
	pt_switch(root);
	trap_install(0x80, syscall, 1, 3);
	trap_install(VEC_PAGE_FAULT, page_fault, 0, 0);
	hv_set_kernel_stack((void *)(STACK_VA + 4096), 1);
	printf("page tables: %s\n", hv_pt_format == HV_PT_PAE ? "PAE" : "2-level");

	frame = remap_stack(root);
	ret = enter_user(user_syscall, user_stack + sizeof(user_stack));
	check(ret == 42 && on_frame(frame),
	      "system call after remapping the stack: frame on the new page");
	frame = remap_stack(root);
	pt_flush(0);
	ret = enter_user(user_fault, user_stack + sizeof(user_stack));
	check(ret == -1 && on_frame(frame),
	      "page fault after remapping and a flush: frame on the new page");
	return check_summary();
}
