/*
 * evil-vcpu breaks the rules of guests with several vCPUs, one way per
 * "case=" (run with "vcpus=2" or more). The hypervisor must kill the
 * whole guest, naming the vCPU and the reason, and stop every sibling
 * wherever it runs; the neighbour guest finishes and every frame returns.
 *
 *   kill-while-spinning  vCPU 1 spins with interrupts off while vCPU 0
 *                        makes an unknown hypercall
 *   sibling-breaks       vCPU 0 spins while vCPU 1 makes one
 *   start-range          starts vCPU N of N
 *   start-zero           starts vCPU 0, the one running
 *   start-twice          starts vCPU 1 again while it runs
 *   shared-taken         gives vCPU 1 vCPU 0's shared page
 *   shared-outside       gives vCPU 1 a shared page past its memory
 *   ipi-vcpu             sends an interrupt to vCPU N of N
 *   ipi-irq              sends itself the timer's interrupt (irq 0)
 *   restart              asks to restart, which a guest of several vCPUs
 *                        cannot: it stays down
 *   halt-offline         vCPU 0 halts with no timer, vCPU 1 never started
 *   halt-all             both halt with no timer: nothing can wake them
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include "hv.h"

#define BAD_CALL        (HV_CALL_COUNT + 7)

static volatile unsigned spins[HV_MAX_VCPUS];

static void spin(unsigned k)
{
	irq_disable();
	for (;;)
		spins[k]++;
}

static void break_a_rule(unsigned k)
{
	(void)k;
	hcall(BAD_CALL, 0, 0, 0, 0);
	hv_crash("an unknown hypercall returned");
}

/* Until vCPU k has really run for a while (on its CPU, or preempting us). */
static void wait_spinning(unsigned k)
{
	while (spins[k] < 100000)
		;
}

static void kill_while_spinning(void)
{
	hv_vcpu_start(1, spin);
	wait_spinning(1);
	printf("vCPU 1 spins; vCPU 0 breaks a rule\n");
	break_a_rule(0);
}

static void sibling_breaks(void)
{
	printf("vCPU 0 spins; vCPU 1 breaks a rule\n");
	hv_vcpu_start(1, break_a_rule);
	spin(0);
}

static volatile int parked;

/* Returns at once: the runtime then halts this vCPU for good. */
static void park(unsigned k)
{
	(void)k;
	parked = 1;
}

static void halt_all(void)
{
	hv_vcpu_start(1, park);
	while (!parked)
		;
	hv_halt_irq();
}

static uint32_t fresh_page(void)
{
	void *p = memalign(4096, 4096);

	memset(p, 0, 4096);
	return (uint32_t)p;
}

static void start_twice(void)
{
	hv_vcpu_start(1, spin);
	wait_spinning(1);
	hcall(HV_CALL_START_VCPU, 1, (uint32_t)spin, (uint32_t)malloc(4096) + 4096,
	      fresh_page());
}

static void run_case(const char *c)
{
	unsigned n = hv_vcpus();

	if (!strcmp(c, "kill-while-spinning"))
		kill_while_spinning();
	else if (!strcmp(c, "sibling-breaks"))
		sibling_breaks();
	else if (!strcmp(c, "start-range"))
		hcall(HV_CALL_START_VCPU, n, 0, 0, fresh_page());
	else if (!strcmp(c, "start-zero"))
		hcall(HV_CALL_START_VCPU, 0, 0, 0, fresh_page());
	else if (!strcmp(c, "start-twice"))
		start_twice();
	else if (!strcmp(c, "shared-taken"))
		hcall(HV_CALL_START_VCPU, 1, 0, 0, (uint32_t)hv_self());
	else if (!strcmp(c, "shared-outside"))
		hcall(HV_CALL_START_VCPU, 1, 0, 0, hv_boot->mem_bytes);
	else if (!strcmp(c, "ipi-vcpu"))
		hv_send_ipi(n, HV_IRQ_IPI_FIRST);
	else if (!strcmp(c, "ipi-irq"))
		hv_send_ipi(0, HV_IRQ_TIMER);
	else if (!strcmp(c, "halt-offline"))
		hv_halt_irq();
	else if (!strcmp(c, "halt-all"))
		halt_all();
	else if (!strcmp(c, "restart"))
		hcall(HV_CALL_SHUTDOWN, HV_SHUTDOWN_RESTART, 0, 0, 0);
	else
		printf("unknown case\n");
}

int main(int argc, char **argv)
{
	const char *c = hv_arg(argc, argv, "case");

	if (!c) {
		printf("no case= argument\n");
		return 1;
	}
	printf("case %s, %u vCPUs\n", c, hv_vcpus());
	run_case(c);
	hv_crash("still alive after breaking the rule");
}
