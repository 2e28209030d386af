/*
 * timer: the virtual one-shot timer. 20 ticks at 10 ms, each armed and
 * then waited for with hv_halt_irq(): every tick arrives on vector 32 with
 * the halt's return address as the saved eip, none comes early, and the
 * total time is plausible. Then: no tick while virtual interrupts are off
 * (it stays pending until irq_enable()), none while the timer irq is
 * blocked, and none after the timer is cancelled.
 */
#include "hv.h"

#define MS              1000000ull
#define TICKS           20
#define TICK_NS         (10 * MS)
#define TIMER_VECTOR    (HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER)
#define TIMER_BIT       (1u << HV_IRQ_TIMER)

static volatile unsigned ticks;
static volatile uint32_t tick_eip, tick_cs, tick_vector;
static volatile uint64_t tick_time;

static void timer_handler(struct trap_regs *regs)
{
	ticks++;
	tick_eip = regs->eip;
	tick_cs = regs->cs & 0xFFFF;
	tick_vector = regs->vector;
	tick_time = hv_time_ns();
}

static void arm(uint64_t ns)
{
	hcall(HV_CALL_SET_TIMER, (uint32_t)ns, (uint32_t)(ns >> 32), 0, 0);
}

/* Spins (entering the hypervisor, so that it could deliver) for ns. */
static void spin(uint64_t ns)
{
	uint64_t end = hv_time_ns() + ns;

	while (hv_time_ns() < end)
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

static void ticks_while_halted(void)
{
	unsigned i, early = 0, wrong_eip = 0, missed = 0;
	uint64_t start = hv_time_ns(), elapsed;

	for (i = 0; i < TICKS; i++) {
		uint64_t armed = hv_time_ns();
		unsigned before = ticks;

		arm(TICK_NS);
		hv_halt_irq();
		irq_disable();
		if (ticks != before + 1)
			missed++;
		if (tick_time < armed + TICK_NS)
			early++;
		if (tick_eip != (uint32_t)hv_halt_resume ||
		    tick_cs != HV_SEL_KERNEL_CODE || tick_vector != TIMER_VECTOR)
			wrong_eip++;
	}
	elapsed = hv_time_ns() - start;
	check(ticks == TICKS && missed == 0,
	      "%d ticks at 10 ms, one per halt", TICKS);
	check(wrong_eip == 0, "every tick on vector %d, saved cs:eip where the "
	      "guest halted", TIMER_VECTOR);
	check(early == 0, "no tick came before its 10 ms were up");
	check(elapsed >= 150 * MS && elapsed <= 4000 * MS,
	      "elapsed {%llu} ms, between 150 and 4000 ms",
	      (unsigned long long)(elapsed / MS));
}

static void ticks_while_disabled(void)
{
	unsigned before = ticks;

	arm(5 * MS);
	spin(30 * MS);
	check(ticks == before, "virtual IF off: no tick in 30 ms");
	check(hv_self()->pending_irqs[0] & TIMER_BIT,
	      "virtual IF off: the tick is pending");
	irq_enable();
	check(ticks == before + 1, "irq_enable(): the pending tick arrived");
	check(!(hv_self()->pending_irqs[0] & TIMER_BIT),
	      "and is no longer pending");
	irq_disable();
}

static void ticks_while_blocked(void)
{
	unsigned before = ticks;

	hv_self()->blocked_irqs[0] |= TIMER_BIT;
	irq_enable();
	arm(5 * MS);
	spin(30 * MS);
	check(ticks == before, "timer irq blocked: no tick in 30 ms");
	hv_self()->blocked_irqs[0] &= ~TIMER_BIT;
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	check(ticks == before + 1, "unblocked: the tick arrived");
	irq_disable();
}

static void cancelled(void)
{
	unsigned before = ticks;

	irq_enable();
	arm(5 * MS);
	arm(0);
	spin(30 * MS);
	check(ticks == before && !(hv_self()->pending_irqs[0] & TIMER_BIT),
	      "timer cancelled: no tick in 30 ms");
	irq_disable();
}

int main(void)
{
	trap_install(TIMER_VECTOR, timer_handler, 0, 0);
	ticks_while_halted();
	ticks_while_disabled();
	ticks_while_blocked();
	cancelled();
	return check_summary();
}
