/*
 * fpu: lazy FPU switching between two tasks inside the guest. Each task
 * keeps live values on its own x87 stack and its own rounding mode (A
 * rounds to nearest, B up) while the other runs: switching to a task that
 * does not own the FPU sets TS (HV_CALL_TS), and the #NM handler saves the
 * owner's state with fnsave and restores the new task's with frstor.
 * The tasks' results must be exact and unaffected by each other. After
 * each switch (TS set, the old task's values still in the FPU) the guest
 * spins in hypercalls for a while, so that with a second instance running
 * the hypervisor also switches the FPU between the guests right there.
 */
#include <x86/exception.h>
#include "hv.h"

#define STEPS           10
#define SPIN_NS         2000000ull      /* 2 ms */
#define CW_NEAREST      0x037Fu         /* fninit's: all masked, nearest */
#define CW_UP           0x0B7Fu         /* rounding towards +infinity */
#define SW_TOP(sw)      (((sw) >> 11) & 7u)

struct task {
	uint8_t fpu[108] __attribute__((aligned(16)));   /* fnsave area */
	int has_state;
};

static struct task task_a, task_b, kernel_task;
static struct task *current, *fpu_owner;
static unsigned nm_traps, lazy_switches, nm_wrong;

static const double two_and_half = 2.5, quarter = 0.25, one_and_half = 1.5;
static const double marker_a = 7.0, marker_b = -3.0;
static const uint16_t cw_nearest = CW_NEAREST, cw_up = CW_UP;

/* #NM: the current task wants the FPU; give it its own state. */
static void nm_handler(struct trap_regs *regs)
{
	nm_traps++;
	if (regs->vector != 7 || fpu_owner == current)
		nm_wrong++;
	hcall(HV_CALL_TS, 0, 0, 0, 0);
	if (fpu_owner) {
		__asm__ volatile("fnsave %0" : "=m"(fpu_owner->fpu));
		fpu_owner->has_state = 1;
	}
	if (current->has_state)
		__asm__ volatile("frstor %0" : : "m"(current->fpu));
	else
		__asm__ volatile("fninit");
	fpu_owner = current;
}

static void switch_to(struct task *t)
{
	current = t;
	if (fpu_owner != t) {
		lazy_switches++;
		hcall(HV_CALL_TS, 1, 0, 0, 0);
	} else {
		hcall(HV_CALL_TS, 0, 0, 0, 0);
	}
}

/* Spins in hypercalls, where the hypervisor may run another guest. */
static void spin(void)
{
	uint64_t end = hv_time_ns() + SPIN_NS;

	while (hv_time_ns() < end)
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

/*
 * The tasks' steps. Each leaves its values on the x87 stack: st(0) the
 * accumulator, st(1) a marker. The first instruction of each is the one
 * that raises #NM after a switch.
 */
static void a_start(void)
{
	__asm__ volatile("fldcw %0; fldl %1; fldz"
			 : : "m"(cw_nearest), "m"(marker_a));
}

static void a_step(void)        /* acc += round(2.5) + 0.25: 2 when nearest */
{
	__asm__ volatile("fldl %0; frndint; faddp; faddl %1"
			 : : "m"(two_and_half), "m"(quarter));
}

static void b_start(void)
{
	__asm__ volatile("fldcw %0; fldl %1; fld1"
			 : : "m"(cw_up), "m"(marker_b));
}

static void b_step(void)        /* acc = acc * 1.5 + round(2.5): 3 when up */
{
	__asm__ volatile("fmull %0; fldl %1; frndint; faddp"
			 : : "m"(one_and_half), "m"(two_and_half));
}

struct result {
	double acc, marker;
	uint16_t cw, sw;
};

static void finish(struct result *r)
{
	__asm__ volatile("fstpl %0; fstpl %1; fnstcw %2; fnstsw %3"
			 : "=m"(r->acc), "=m"(r->marker), "=m"(r->cw),
			   "=m"(r->sw));
}

static void report(const char *name, const struct result *r, double acc,
		   double marker, uint16_t cw)
{
	check(r->acc == acc, "task %s: result %.4f, exact", name, r->acc);
	check(r->marker == marker, "task %s: its marker %.1f kept below the "
	      "result", name, r->marker);
	check(r->cw == cw, "task %s: its control word 0x%04x kept", name,
	      r->cw);
	check(SW_TOP(r->sw) == 0, "task %s: its x87 stack empty at the end",
	      name);
}

int main(void)
{
	struct result ra, rb;
	double want_a = 0, want_b = 1;
	int i;

	trap_install(VEC_NO_FPU, nm_handler, 0, 0);
	switch_to(&task_a);
	a_start();
	switch_to(&task_b);
	b_start();
	for (i = 0; i < STEPS; i++) {
		switch_to(&task_a);
		spin();
		a_step();
		switch_to(&task_b);
		spin();
		b_step();
	}
	switch_to(&task_a);
	finish(&ra);
	switch_to(&task_b);
	finish(&rb);
	/* From here on the FPU is the kernel's, in its initial state. */
	switch_to(&kernel_task);
	__asm__ volatile("fninit");
	for (i = 0; i < STEPS; i++) {
		want_a += 2.25;
		want_b = want_b * 1.5 + 3;
	}
	report("A (round to nearest)", &ra, want_a, marker_a, CW_NEAREST);
	report("B (round up)", &rb, want_b, marker_b, CW_UP);
	check(nm_traps == lazy_switches && nm_wrong == 0,
	      "one #NM per switch to a task not owning the FPU (%u)", nm_traps);
	return check_summary();
}
