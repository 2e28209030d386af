/*
 * paging-faults: faults the guest's own tables cause are delivered to its
 * page-fault handler with the right address (shared->cr2) and error code:
 * not present, write to a read-only page, user access to a supervisor page,
 * user write to a read-only user page, and (PAE) an instruction fetch from
 * a no-execute page, which a PAE host enforces and a 2-level host cannot.
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"

#define WINDOW      0x40000000u
#define ERR_P       1u
#define ERR_W       2u
#define ERR_U       4u
#define ERR_I       16u

/* Probes whose faulting instruction is known, so the handler can skip it. */
uint32_t probe_read(uint32_t va);
void probe_write(uint32_t va, uint32_t value);
void probe_fetch(uint32_t va);
extern char probe_read_insn[], probe_write_insn[], probe_fetch_resume[];
__asm__(".text\n"
	"probe_read:\n"
	"	movl 4(%esp), %ecx\n"
	"probe_read_insn:\n"
	"	movl (%ecx), %eax\n"            /* 2 bytes */
	"	ret\n"
	"probe_write:\n"
	"	movl 4(%esp), %ecx\n"
	"	movl 8(%esp), %eax\n"
	"probe_write_insn:\n"
	"	movl %eax, (%ecx)\n"            /* 2 bytes */
	"	ret\n"
	"probe_fetch:\n"
	"	movl 4(%esp), %ecx\n"
	"	jmp *%ecx\n"
	"probe_fetch_resume:\n"
	"	ret\n");

static volatile int faults;
static volatile uint32_t last_cr2, last_error;
static uint32_t user_target;
static uint8_t user_stack[4096] __attribute__((aligned(4096)));
static uint8_t kernel_stack[8192] __attribute__((aligned(4096)));


static void page_fault(struct trap_regs *r)
{
	faults++;
	last_cr2 = hv_shared.cr2;
	last_error = r->error;
	if (r->eip == (uint32_t)probe_read_insn || r->eip == (uint32_t)probe_write_insn)
		r->eip += 2;
	else
		r->eip = (uint32_t)probe_fetch_resume;
}

static void syscall(struct trap_regs *r)
{
	(void)r;
	leave_user(0);
}

/* Runs one probe and checks the fault it should cause. */
static void expect_fault(uint32_t va, int write, uint32_t error, const char *what)
{
	int before = faults;

	if (write)
		probe_write(va, 1);
	else
		probe_read(va);
	check(faults == before + 1 && last_cr2 == va && last_error == error, what);
}

static void user_read(void)
{
	probe_read(user_target);
	__asm__ volatile("int $0x80");
}

static void user_write(void)
{
	probe_write(user_target, 2);
	__asm__ volatile("int $0x80");
}

static void expect_user_fault(uint32_t va, int write, uint32_t error,
			      const char *what)
{
	int before = faults;

	user_target = va;
	enter_user(write ? user_write : user_read, user_stack + sizeof(user_stack));
	check(faults == before + 1 && last_cr2 == va && last_error == error, what);
}

static void test_nx(uint32_t root)
{
	uint32_t pa = pt_alloc_page();
	int before = faults, enforced = hv_boot->reserve_top == 0xFFE00000u;

	*(volatile uint8_t *)pa = 0xC3;                 /* ret */
	pt_map(root, WINDOW + 0x5000, pa, PT_NX);
	probe_fetch(WINDOW + 0x5000);
	if (enforced)
		check(faults == before + 1 && last_cr2 == WINDOW + 0x5000 &&
		      last_error == (ERR_P | ERR_I), "fetch from an NX page (as the host allows)");
	else
		check(faults == before, "fetch from an NX page (as the host allows)");
}

int main(void)
{
	uint32_t root = pt_new_root(), ro = pt_alloc_page();

	trap_install(14, page_fault, 0, 0);
	trap_install(0x80, syscall, 1, 3);
	hv_set_kernel_stack(kernel_stack + sizeof(kernel_stack), 2);
	pt_identity(root, 0x1000, hv_boot->mem_bytes, PT_W | PT_U);
	pt_switch(root);
	printf("page tables: %s\n", hv_pt_format == HV_PT_PAE ? "PAE" : "2-level");

	expect_fault(WINDOW, 0, 0, "read of an unmapped page: not present");
	expect_fault(WINDOW, 1, ERR_W, "write to an unmapped page: not present, write");
	pt_map(root, WINDOW + 0x1000, ro, 0);
	check(probe_read(WINDOW + 0x1000) == 0, "read of a read-only page works");
	expect_fault(WINDOW + 0x1000, 1, ERR_P | ERR_W, "write to a read-only page");
	pt_map(root, WINDOW + 0x2000, ro, PT_W);
	expect_user_fault(WINDOW + 0x2000, 0, ERR_P | ERR_U, "user read of a supervisor page");
	pt_map(root, WINDOW + 0x3000, ro, PT_U);
	expect_user_fault(WINDOW + 0x3000, 1, ERR_P | ERR_W | ERR_U,
			  "user write to a read-only user page");
	expect_user_fault(WINDOW + 0x4000, 0, ERR_U, "user read of an unmapped page");
	if (hv_pt_format == HV_PT_PAE)
		test_nx(root);
	return check_summary();
}
