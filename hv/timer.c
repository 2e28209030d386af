#include <x86/apic.h>
#include <x86/io.h>
#include <x86/pit.h>
#include "console.h"
#include "lapic.h"
#include "panic.h"
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
	(void)tf;
	host_timer.ticks++;
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

static uint64_t calibrate_lapic(void)
{
	uint32_t elapsed;

	lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | VEC_LAPIC_TIMER);
	pit_start_wait(CALIBRATE_PIT_TICKS);
	lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFFu);
	while (!pit_wait_done())
		cpu_relax();
	elapsed = 0xFFFFFFFFu - lapic_read(LAPIC_TIMER_CURRENT);
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	return (uint64_t)elapsed * PIT_HZ / CALIBRATE_PIT_TICKS;
}

void timer_oneshot_us(uint32_t us)
{
	if (host_timer.lapic) {
		uint64_t count = host_timer.lapic_hz * us / 1000000u;

		lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_ONESHOT | VEC_LAPIC_TIMER);
		lapic_write(LAPIC_TIMER_INITIAL, count ? (uint32_t)MIN(count, 0xFFFFFFFFull) : 1);
	} else {
		/* The PIT runs periodically; the next tick is near enough. */
		pic_unmask(0);
	}
}

void timer_stop(void)
{
	if (host_timer.lapic) {
		lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
		lapic_write(LAPIC_TIMER_INITIAL, 0);
	} else {
		outb(PIC1_DATA, inb(PIC1_DATA) | 1u);
	}
}

static void selftest(void)
{
	uint64_t before = host_timer.ticks;

	timer_oneshot_us(SELFTEST_US);
	while (host_timer.ticks == before) {
		/* sti takes effect after hlt starts: no wake-up is lost. */
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
	timer_stop();
	kprintf("timer: interrupt received\n");
}

void timer_init(bool have_apic)
{
	pic_init();
	trap_set_handler(VEC_PIC_SPURIOUS1, spurious_irq);
	trap_set_handler(VEC_PIC_SPURIOUS2, spurious_irq);
	trap_set_handler(VEC_LAPIC_SPURIOUS, spurious_irq);
	host_timer.lapic = have_apic;
	if (have_apic) {
		trap_set_handler(VEC_LAPIC_TIMER, lapic_timer_irq);
		host_timer.lapic_hz = calibrate_lapic();
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
		kprintf("timer: PIT at %u Hz (this CPU has no local APIC)\n",
			host_timer.pit_hz);
	}
	selftest();
}
