/*
 * async: the asynchronous hypercall ring. A mixed batch (console pieces,
 * a GDT entry load, a timer, the wall clock) queued with hv_async() runs
 * in order before the synchronous call that follows: the console pieces
 * and the synchronous write end up on one line, in order, and every slot
 * holds HV_SLOT_DONE and its call's result; the timer armed in the ring
 * wakes a halt. Then the whole ring and one more call: the runtime flushes
 * the full ring, the last call wraps to the first slot, and every call
 * runs exactly once, in order (the numbered pieces on the console). Last,
 * a timer queued in the ring must be armed before a halt right after it,
 * and a HALT queued in the ring takes effect only after the synchronous
 * call that follows it has run, with its own result.
 */
#include <stdbool.h>
#include <stdio.h>
#include <x86/desc.h>
#include "hv.h"

#define MS              1000000ull
#define JAN_1_2020      1577836800u
#define TIMER_VECTOR    (HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER)
#define PER_LINE        13
#define FILL_CALLS      (HV_ASYNC_SLOTS + 1)

static volatile unsigned ticks;
static char pieces[FILL_CALLS][4];

static void tick(struct trap_regs *regs)
{
	(void)regs;
	ticks++;
}


static int done(unsigned slot)
{
	return __atomic_load_n(&hv_self()->slot_status[slot], __ATOMIC_ACQUIRE) ==
	       HV_SLOT_DONE;
}

static unsigned async_console(const char *s, size_t len)
{
	return hv_async(HV_CALL_CONSOLE_WRITE, (uint32_t)s, len, 0, 0);
}

static void mixed_batch(void)
{
	static const char p1[] = "batch: piece 1,", p2[] = " piece 2,";
	static const char p3[] = " piece 3,", sync[] = " then the sync write\n";
	static uint32_t data[4] = { 0xA5, 0xA6, 0xA7, 0xA8 };
	unsigned s[6], i, all_done = 1;
	uint32_t lo, hi, r;

	fflush(stdout);
	hv_data_segment(data, &lo, &hi);
	s[0] = async_console(p1, sizeof(p1) - 1);
	s[1] = hv_async(HV_CALL_LOAD_GDT_ENTRY, 20, lo, hi, 0);
	s[2] = async_console(p2, sizeof(p2) - 1);
	s[3] = hv_async(HV_CALL_SET_TIMER, (uint32_t)(5 * MS), 0, 0, 0);
	s[4] = hv_async(HV_CALL_WALL_CLOCK, 0, 0, 0, 0);
	s[5] = async_console(p3, sizeof(p3) - 1);
	r = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)sync, sizeof(sync) - 1, 0, 0);

	for (i = 0; i < 6; i++)
		all_done &= done(s[i]);
	check(r == sizeof(sync) - 1, "batch: the sync write returned %u", r);
	check(all_done, "batch: all six slots HV_SLOT_DONE after the sync call");
	check(hv_self()->slots[s[0]].result == sizeof(p1) - 1 &&
	      hv_self()->slots[s[2]].result == sizeof(p2) - 1 &&
	      hv_self()->slots[s[5]].result == sizeof(p3) - 1,
	      "batch: console slots hold their lengths (%u, %u, %u)",
	      hv_self()->slots[s[0]].result, hv_self()->slots[s[2]].result,
	      hv_self()->slots[s[5]].result);
	check(hv_self()->slots[s[1]].result == 0 &&
	      hv_read_far(SEL(20, 1), 8) == 0xA7,
	      "batch: GDT entry 20 loaded from the ring (result 0, readable)");
	check(hv_self()->slots[s[3]].result == 0, "batch: set timer result 0");
	check(hv_self()->slots[s[4]].result > JAN_1_2020,
	      "batch: wall clock result after 2020");
	r = hcall(HV_CALL_HALT, 0, 0, 0, 0);
	check(r == 0 && (hv_self()->pending_irqs[0] & (1u << HV_IRQ_TIMER)),
	      "batch: the timer armed in the ring ended a halt");
	irq_enable();
	irq_disable();
	check(ticks == 1, "batch: and its interrupt arrived once enabled");
}

/* Two loads of one entry: the later one must win. */
static void same_entry_twice(void)
{
	static uint32_t first[4] = { 0x1111 }, second[4] = { 0x2222 };
	uint32_t lo, hi;

	hv_data_segment(first, &lo, &hi);
	hv_async(HV_CALL_LOAD_GDT_ENTRY, 21, lo, hi, 0);
	hv_data_segment(second, &lo, &hi);
	hv_async(HV_CALL_LOAD_GDT_ENTRY, 21, lo, hi, 0);
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	check(hv_read_far(SEL(21, 1), 0) == 0x2222,
	      "two loads of entry 21 in the ring: the second one holds");
}

static void fill_ring(void)
{
	unsigned slot[FILL_CALLS], i, first_done = 1, results_ok = 1;

	printf("ring: %u console writes of numbered pieces, %u a line:\n",
	       FILL_CALLS, PER_LINE);
	fflush(stdout);
	for (i = 0; i < FILL_CALLS; i++) {
		/*
		 * Call 64 reuses call 0's slot. If call 0 is still waiting
		 * then (no exit happened while queuing: usually), the runtime
		 * must flush the full ring first; if an exit already ran the
		 * ring, there is nothing to flush.
		 */
		bool must_flush = i == HV_ASYNC_SLOTS &&
			hv_self()->slot_status[slot[0]] == HV_SLOT_READY;

		snprintf(pieces[i], sizeof(pieces[i]), "%02u%c", i,
			 i % PER_LINE == PER_LINE - 1 ? '\n' : ' ');
		slot[i] = async_console(pieces[i], 3);
		for (unsigned j = 1; must_flush && j < HV_ASYNC_SLOTS; j++)
			first_done &= done(slot[j]);
	}
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	for (i = 1; i < FILL_CALLS; i++)
		results_ok &= done(slot[i]) && hv_self()->slots[slot[i]].result == 3;
	check(slot[HV_ASYNC_SLOTS] == slot[0], "ring: call %u wrapped to the "
	      "first call's slot", HV_ASYNC_SLOTS);
	check(first_done, "ring: calls 1-%u done before call %u was queued "
	      "(a full ring is flushed first)", HV_ASYNC_SLOTS - 1,
	      HV_ASYNC_SLOTS);
	check(results_ok, "ring: after a flush, every slot done with result 3");
}

/*
 * A timer armed in the ring and at once a synchronous halt: the ring runs
 * first, so the halt has a timer to wait for (halting without one kills).
 * Last, since getting this wrong ends the guest.
 */
static void ring_timer_then_halt(void)
{
	unsigned before = ticks;
	uint32_t r;

	hv_async(HV_CALL_SET_TIMER, (uint32_t)(2 * MS), 0, 0, 0);
	r = hcall(HV_CALL_HALT, 0, 0, 0, 0);
	check(r == 0 && (hv_self()->pending_irqs[0] & (1u << HV_IRQ_TIMER)),
	      "a timer queued in the ring, then at once a sync halt: the timer "
	      "ended the halt");
	irq_enable();
	irq_disable();
	check(ticks == before + 1, "and its interrupt arrived once enabled");
}

/*
 * HALT in the ring, then a synchronous call: the call still runs and
 * returns its own result, and the guest halts after it until its timer.
 */
static void ring_halt_then_call(void)
{
	uint32_t r;

	hcall(HV_CALL_SET_TIMER, (uint32_t)(2 * MS), 0, 0, 0);
	hv_async(HV_CALL_HALT, 0, 0, 0, 0);
	r = hcall(HV_CALL_WALL_CLOCK, 0, 0, 0, 0);
	check(r > JAN_1_2020, "HALT in the ring, then a sync call: the call ran "
	      "and returned its result");
	check(hv_self()->pending_irqs[0] & (1u << HV_IRQ_TIMER),
	      "and the guest halted after it, until its timer");
	irq_enable();
	irq_disable();
}

int main(void)
{
	trap_install(TIMER_VECTOR, tick, 0, 0);
	mixed_batch();
	same_entry_twice();
	fill_ring();
	ring_halt_then_call();
	ring_timer_then_halt();
	return check_summary();
}
