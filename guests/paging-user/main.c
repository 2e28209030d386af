/*
 * paging-user: two user processes in ring 3, each on its own page tables
 * with its code's data at the same virtual address. Each sees only its
 * own page; a page mapped in one process only is absent in the other; the
 * system call is a direct trap that never leaves the guest.
 */
#include <stdio.h>
#include <x86/exception.h>
#include "hv.h"
#include "paging.h"

#define DATA_VA     0x40000000u
#define ONLY_A_VA   0x40001000u

static uint8_t user_stack[4096] __attribute__((aligned(4096)));
static uint8_t kernel_stack[4096] __attribute__((aligned(4096)));
static volatile int faulted;


/* System call: eax = what the process read; ends its turn. */
static void syscall(struct trap_regs *r)
{
	leave_user((int)r->eax);
}

static void page_fault(struct trap_regs *r)
{
	(void)r;
	faulted = 1;
	leave_user(-1);
}

static void process_body(void)
{
	uint32_t v = *(volatile uint32_t *)DATA_VA;

	__asm__ volatile("int $0x80" : : "a"(v));
}

static void process_peek(void)
{
	uint32_t v = *(volatile uint32_t *)ONLY_A_VA;

	__asm__ volatile("int $0x80" : : "a"(v));
}

static uint32_t process(uint32_t value)
{
	uint32_t root = pt_new_root(), page = pt_alloc_page();

	*(volatile uint32_t *)page = value;
	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_set(root, DATA_VA, page | PTE_P | PTE_W | PTE_U, 0);
	return root;
}

static int run(uint32_t root, void (*fn)(void))
{
	pt_switch(root);
	return enter_user(fn, user_stack + sizeof(user_stack));
}

int main(void)
{
	uint32_t a = process(1111), b = process(2222), only_a = pt_alloc_page();
	int i, ok = 1;

	*(volatile uint32_t *)only_a = 3333;
	pt_set(a, ONLY_A_VA, only_a | PTE_P | PTE_U, 0);
	trap_install(0x80, syscall, 1, 3);
	trap_install(VEC_PAGE_FAULT, page_fault, 0, 0);
	hv_set_kernel_stack(kernel_stack + sizeof(kernel_stack), 1);
	printf("page tables: %s\n", hv_pt_format == HV_PT_PAE ? "PAE" : "2-level");
	for (i = 0; i < 10; i++) {
		ok &= run(a, process_body) == 1111;
		ok &= run(b, process_body) == 2222;
	}
	check(ok, "two processes, ten turns each: each reads its own page");
	check(run(a, process_peek) == 3333, "process A reads its private page");
	check(run(b, process_peek) == -1 && faulted, "process B faults on it");
	return check_summary();
}
