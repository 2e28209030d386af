/*
 * paging-faults: faults the guest's own tables cause are delivered to its
 * page-fault handler with the right address (shared->cr2) and error code:
 * not present, write to a read-only page, user access to a supervisor page,
 * user write to a read-only user page, and (PAE) an instruction fetch from
 * a no-execute page, which a PAE host enforces and a 2-level host cannot.
 */
#include <stdio.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"
#include "paging.h"

#define WINDOW      0x40000000u
#define NX_VA       (WINDOW + 0x5000)   /* test_nx() fetches from here */

/*
 * Probes that may fault: the exception table (extable.h) resumes a faulting
 * read or write right after it. A fetch from a no-execute page faults with
 * the page's own address as eip, which no table entry can name: the
 * handler sends it to probe_fetch_resume.
 */
static uint32_t probe_read(uint32_t va)
{
	uint32_t v = 0;

	__asm__ volatile("1: movl (%1), %0\n"
			 "2:\n"
			 ASM_EXTABLE(1b, 2b)
			 : "+r"(v) : "r"(va) : "memory");
	return v;
}

static void probe_write(uint32_t va, uint32_t value)
{
	__asm__ volatile("1: movl %1, (%0)\n"
			 "2:\n"
			 ASM_EXTABLE(1b, 2b)
			 : : "r"(va), "r"(value) : "memory");
}

void probe_fetch(uint32_t va);
extern char probe_fetch_resume[];
__asm__(".text\n"
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
	last_cr2 = hv_self()->cr2;
	last_error = r->error;
	if (extable_fixup(r))
		return;
	if (r->eip != NX_VA)
		hv_crash("page fault outside the probes");
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
	int before = faults, enforced = (hv_boot->features & HV_FEATURE_NX) != 0;

	*(volatile uint8_t *)pa = 0xC3;                 /* ret */
	pt_map(root, NX_VA, pa, PTE_NX);
	probe_fetch(NX_VA);
	if (enforced)
		check(faults == before + 1 && last_cr2 == NX_VA &&
		      last_error == (PFEC_PRESENT | PFEC_FETCH),
		      "fetch from an NX page (as the host allows)");
	else
		check(faults == before, "fetch from an NX page (as the host allows)");
}

int main(void)
{
	uint32_t root = pt_new_root(), ro = pt_alloc_page();

	trap_install(VEC_PAGE_FAULT, page_fault, 0, 0);
	trap_install(0x80, syscall, 1, 3);
	hv_set_kernel_stack(kernel_stack + sizeof(kernel_stack), 2);
	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_switch(root);
	printf("page tables: %s\n", hv_pt_format == HV_PT_PAE ? "PAE" : "2-level");

	expect_fault(WINDOW, 0, 0, "read of an unmapped page: not present");
	expect_fault(WINDOW, 1, PFEC_WRITE,
		     "write to an unmapped page: not present, write");
	pt_map(root, WINDOW + 0x1000, ro, 0);
	check(probe_read(WINDOW + 0x1000) == 0, "read of a read-only page works");
	expect_fault(WINDOW + 0x1000, 1, PFEC_PRESENT | PFEC_WRITE,
		     "write to a read-only page");
	pt_map(root, WINDOW + 0x2000, ro, PTE_W);
	expect_user_fault(WINDOW + 0x2000, 0, PFEC_PRESENT | PFEC_USER,
			  "user read of a supervisor page");
	pt_map(root, WINDOW + 0x3000, ro, PTE_U);
	expect_user_fault(WINDOW + 0x3000, 1,
			  PFEC_PRESENT | PFEC_WRITE | PFEC_USER,
			  "user write to a read-only user page");
	expect_user_fault(WINDOW + 0x4000, 0, PFEC_USER,
			  "user read of an unmapped page");
	if (hv_pt_format == HV_PT_PAE)
		test_nx(root);
	return check_summary();
}
