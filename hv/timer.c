#include <x86/apic.h>
#include <x86/io.h>
#include <x86/pit.h>
#include <x86/tsc.h>
#include <lib/console.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include "clock.h"
#include "cpu.h"
#include "lapic.h"
#include "pit.h"
#include "timer.h"
#include "trap.h"
#include "vectors.h"

#define CALIBRATE_PIT_TICKS 11932u      /* 10 ms */
#define PIT_FALLBACK_HZ     1000u
#define SELFTEST_US         1000u

struct timer_state host_timer;

static void lapic_timer_irq(struct trap_frame *tf)
{
	struct cpu *cpu = this_cpu();

	(void)tf;
	cpu->timer_irqs++;
	cpu->timer_armed_ns = 0;
	lapic_eoi();
}

static void pit_irq(struct trap_frame *tf)
{
	(void)tf;
	host_timer.ticks++;
	pic_eoi(0);
}

static void spurious_irq(struct trap_frame *tf)
{
	(void)tf;           /* no EOI for a spurious interrupt */
}

/* Counts LAPIC timer and TSC ticks over 10 ms of PIT time. */
static uint64_t calibrate_lapic(uint64_t *tsc_hz)
{
	uint32_t elapsed;
	uint64_t tsc0, tsc1;

	timer_cpu_init();
	pit_start_wait(CALIBRATE_PIT_TICKS);
	lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFFu);
	tsc0 = rdtsc();
	while (!pit_wait_done())
		cpu_relax();
	elapsed = 0xFFFFFFFFu - lapic_read(LAPIC_TIMER_CURRENT);
	tsc1 = rdtsc();
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	*tsc_hz = (tsc1 - tsc0) * PIT_HZ / CALIBRATE_PIT_TICKS;
	return (uint64_t)elapsed * PIT_HZ / CALIBRATE_PIT_TICKS;
}

void timer_oneshot_us(uint32_t us)
{
	if (host_timer.lapic) {
		uint64_t count = host_timer.lapic_hz * us / 1000000u;

		this_cpu()->timer_armed_ns = 0;
		lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_ONESHOT | VEC_LAPIC_TIMER);
		lapic_write(LAPIC_TIMER_INITIAL, count ? (uint32_t)MIN(count, 0xFFFFFFFFull) : 1);
	} else {
		/* The PIT runs periodically; the next tick is near enough. */
		pic_unmask(0);
	}
}

void timer_set_deadline(uint64_t deadline_ns)
{
	struct cpu *cpu = this_cpu();
	uint64_t now, delta, count;

	if (!host_timer.lapic)
		return;                 /* the PIT ticks every millisecond anyway */
	/*
	 * Already armed for it: the run loop asks again before every entry,
	 * and a write to the local APIC costs an exit to the emulator on
	 * some (QEMU's TCG takes its global lock for it).
	 */
	if (cpu->timer_armed_ns == deadline_ns)
		return;
	cpu->timer_armed_ns = deadline_ns;
	now = clock_ns();
	delta = deadline_ns > now ? deadline_ns - now : 1000;
	count = delta / 1000 * host_timer.lapic_hz / 1000000u;
	lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_ONESHOT | VEC_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INITIAL, (uint32_t)MAX(1, MIN(count, 0xFFFFFFFFull)));
}

void timer_stop(void)
{
	if (host_timer.lapic) {
		this_cpu()->timer_armed_ns = 0;
		lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
		lapic_write(LAPIC_TIMER_INITIAL, 0);
	} else {
		outb(PIC1_DATA, inb(PIC1_DATA) | 1u);
	}
}

void timer_cpu_init(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | VEC_LAPIC_TIMER);
}

static uint64_t interrupts_taken(void)
{
	return host_timer.lapic ? this_cpu()->timer_irqs : host_timer.ticks;
}

static void selftest(void)
{
	uint64_t before = interrupts_taken();

	timer_oneshot_us(SELFTEST_US);
	while (interrupts_taken() == before) {
		/* sti takes effect after hlt starts: no wake-up is lost. */
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
	timer_stop();
	kprintf("timer: interrupt received\n");
}

void timer_init(bool have_apic)
{
	uint64_t tsc_hz = 0;

	/* One-shot deadlines need the TSC as the clock between them. */
	have_apic = have_apic && cpu_features.tsc;
	pic_init();
	trap_set_handler(VEC_PIC_SPURIOUS1, spurious_irq);
	trap_set_handler(VEC_PIC_SPURIOUS2, spurious_irq);
	trap_set_handler(VEC_LAPIC_SPURIOUS, spurious_irq);
	host_timer.lapic = have_apic;
	if (have_apic) {
		trap_set_handler(VEC_LAPIC_TIMER, lapic_timer_irq);
		host_timer.lapic_hz = calibrate_lapic(&tsc_hz);
		clock_use_tsc(tsc_hz);
		if (host_timer.lapic_hz == 0)
			panic("timer: the local APIC timer does not count");
		kprintf("timer: local APIC timer, {%llu.%03llu} MHz after the "
			"divider, calibrated against the PIT\n",
			(unsigned long long)(host_timer.lapic_hz / 1000000u),
			(unsigned long long)(host_timer.lapic_hz / 1000u % 1000u));
	} else {
		trap_set_handler(VEC_PIC_TIMER, pit_irq);
		host_timer.pit_hz = PIT_FALLBACK_HZ;
		pit_periodic(PIT_FALLBACK_HZ);
		kprintf("timer: PIT at %u Hz (this CPU has no %s)\n",
			host_timer.pit_hz, cpu_features.apic ? "TSC" : "local APIC");
	}
	selftest();
	if (!host_timer.lapic)
		pic_unmask(0);          /* the PIT drives time from now on */
}
