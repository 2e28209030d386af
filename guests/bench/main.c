/*
 * bench: what common guest operations cost under the hypervisor, in
 * nanoseconds, measured with the TSC (calibrated against the hypervisor's
 * clock). Figures only: nothing is asserted. Run by scripts/bench.
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"

#define ROUNDS      2000
#define WINDOW      0x40000000u

static uint64_t tsc_per_ms;
static uint8_t user_stack[4096] __attribute__((aligned(4096)));
static uint8_t kernel_stack[4096] __attribute__((aligned(4096)));

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void tick(struct trap_regs *r)
{
	(void)r;
}

/* TSC ticks per millisecond, over 50 ms of the hypervisor's clock. */
static void calibrate(void)
{
	uint64_t t0, t1, n0, n1;

	trap_install(HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER, tick, 0, 0);
	hcall(HV_CALL_SET_TIMER, 1000000, 0, 0, 0);
	hv_halt_irq();
	n0 = hv_time_ns();
	t0 = rdtsc();
	hcall(HV_CALL_SET_TIMER, 50000000, 0, 0, 0);
	hv_halt_irq();
	n1 = hv_time_ns();
	t1 = rdtsc();
	tsc_per_ms = (t1 - t0) * 1000000 / (n1 - n0);
}

static void report(const char *what, uint64_t ticks, unsigned n)
{
	uint64_t ns = ticks * 1000000 / tsc_per_ms / n;

	printf("bench %s: {%llu} ns\n", what, (unsigned long long)ns);
}

static void null_hypercall(void)
{
	uint64_t t = rdtsc();
	unsigned i;

	for (i = 0; i < ROUNDS; i++)
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	report("null hypercall", rdtsc() - t, ROUNDS);
}

static void syscall_return(struct trap_regs *r)
{
	(void)r;
}

static void syscall_exit(struct trap_regs *r)
{
	leave_user((int)r->eax);
}

static void user_loop(void)
{
	unsigned i;

	for (i = 0; i < ROUNDS; i++)
		__asm__ volatile("int $0x80");
	__asm__ volatile("int $0x81");
}

static void null_syscall(void)
{
	uint64_t t;

	trap_install(0x80, syscall_return, 1, 3);
	trap_install(0x81, syscall_exit, 1, 3);
	hv_set_kernel_stack(kernel_stack + sizeof(kernel_stack), 1);
	t = rdtsc();
	enter_user(user_loop, user_stack + sizeof(user_stack));
	report("null system call (direct trap)", rdtsc() - t, ROUNDS);
}

static void page_faults(uint32_t root)
{
	uint32_t frame = pt_alloc_page();
	uint64_t t;
	unsigned i;

	for (i = 0; i < 256; i++)
		pt_set(root, WINDOW + i * 4096, frame | PTE_P | PTE_W, 0);
	pt_flush(1);
	t = rdtsc();
	for (i = 0; i < 256; i++)
		*(volatile uint32_t *)(WINDOW + i * 4096) = i;
	report("page fault on a fresh mapping (write)", rdtsc() - t, 256);
}

static void table_switch(uint32_t a, uint32_t b)
{
	uint64_t t = rdtsc();
	unsigned i;

	for (i = 0; i < ROUNDS / 2; i++) {
		pt_switch(b);
		pt_switch(a);
	}
	report("address-space switch (2, cached)", rdtsc() - t, ROUNDS);
}

/*
 * Cycling through more address spaces than the hypervisor caches: each
 * switch evicts one and refills it, touching a few pages per space.
 */
static void table_cycle(unsigned spaces)
{
	uint32_t root[8];
	uint64_t t;
	unsigned i, s;
	char what[64];

	for (s = 0; s < spaces; s++) {
		root[s] = pt_new_root();
		pt_identity(root[s], 0x100000, 0x200000, PTE_W | PTE_U);
		pt_identity(root[s], 0x1000, 0x2000, PTE_W | PTE_U);
		pt_identity(root[s], hv_boot->mem_bytes - 0x100000,
			    hv_boot->mem_bytes, PTE_W | PTE_U);
	}
	t = rdtsc();
	for (i = 0; i < ROUNDS / 10; i++)
		for (s = 0; s < spaces; s++) {
			pt_switch(root[s]);
			(void)*(volatile uint32_t *)0x100000;
		}
	snprintf(what, sizeof(what), "address-space switch (%u in a cycle)", spaces);
	report(what, rdtsc() - t, ROUNDS / 10 * spaces);
}

int main(void)
{
	uint32_t a = pt_new_root(), b = pt_new_root();

	calibrate();
	pt_identity(a, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_identity(b, 0x1000, hv_boot->mem_bytes, PTE_W | PTE_U);
	pt_switch(a);
	null_hypercall();
	null_syscall();
	page_faults(a);
	table_switch(a, b);
	table_cycle(4);
	table_cycle(6);
	return 0;
}
