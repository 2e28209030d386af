#include <x86/apic.h>
#include <x86/io.h>
#include <lib/lock_order.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include <lib/spinlock.h>
#include <mm/tlb.h>
#include "ipi.h"
#include "lapic.h"
#include "smp.h"
#include "trap.h"
#include "vectors.h"

static uint32_t ready;                  /* CPUs that take IPIs, a bit each */

/* One shoot-down at a time: its address and the CPUs yet to flush it. */
static struct spinlock shoot_lock;      /* unranked: taken with none held */
static volatile uint32_t shoot_va;
static uint32_t shoot_waiting;

static uint32_t bit(unsigned cpu)
{
	return 1u << cpu;
}

static bool is_ready(unsigned cpu)
{
	return cpu < cpus_online &&
	       (__atomic_load_n(&ready, __ATOMIC_ACQUIRE) & bit(cpu));
}

static void send(unsigned cpu, unsigned vector)
{
	if (!lapic_send(cpus[cpu].apic_id, LAPIC_ICR_FIXED | vector))
		panic("ipi: vector 0x%x to cpu %u was not sent", vector, cpu);
}

void ipi_poll(void)
{
	uint32_t me = bit(this_cpu()->index);

	if (!(__atomic_load_n(&shoot_waiting, __ATOMIC_ACQUIRE) & me))
		return;
	invlpg(shoot_va);
	__atomic_and_fetch(&shoot_waiting, ~me, __ATOMIC_RELEASE);
}

static void kick_irq(struct trap_frame *tf)
{
	(void)tf;
	lapic_eoi();            /* the interrupt itself was the message */
}

static void shootdown_irq(struct trap_frame *tf)
{
	(void)tf;
	ipi_poll();
	lapic_eoi();
}

static NORETURN void stop_irq(struct trap_frame *tf)
{
	(void)tf;
	for (;;)
		__asm__ volatile("cli; hlt" ::: "memory");
}

void ipi_init(void)
{
	trap_set_handler(VEC_KICK, kick_irq);
	trap_set_handler(VEC_SHOOTDOWN, shootdown_irq);
	trap_set_handler(VEC_STOP, stop_irq);
}

void ipi_cpu_ready(void)
{
	__atomic_or_fetch(&ready, bit(this_cpu()->index), __ATOMIC_RELEASE);
}

void cpu_kick(unsigned cpu)
{
	if (cpu != this_cpu()->index && is_ready(cpu))
		send(cpu, VEC_KICK);
}

void tlb_shootdown(uint32_t va)
{
	unsigned self = this_cpu()->index, cpu;
	uint32_t others;

	invlpg(va);
	others = __atomic_load_n(&ready, __ATOMIC_ACQUIRE) & ~bit(self);
	if (!others)
		return;
	if (!lock_order_none_held())
		panic("ipi: a shoot-down with a lock held");
	while (!spin_trylock(&shoot_lock))
		ipi_poll();             /* another CPU's shoot-down may wait for us */
	shoot_va = va;
	__atomic_store_n(&shoot_waiting, others, __ATOMIC_RELEASE);
	for (cpu = 0; cpu < cpus_online; cpu++)
		if (others & bit(cpu))
			send(cpu, VEC_SHOOTDOWN);
	while (__atomic_load_n(&shoot_waiting, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_unlock(&shoot_lock);
}

void cpu_stop_others(void)
{
	unsigned self = this_cpu()->index, cpu;

	for (cpu = 0; cpu < cpus_online; cpu++)
		if (cpu != self && is_ready(cpu))
			lapic_send(cpus[cpu].apic_id, LAPIC_ICR_FIXED | VEC_STOP);
}
