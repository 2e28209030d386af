/*
 * The async ring with random contents. Each round gives every slot a
 * random status: a run of ready slots from where the hypervisor stopped
 * last time (none, some, or a whole lap), then a slot that is not ready
 * (free, done, or a garbage byte), then anything, ready slots included.
 * The fields the guest writes in the shared page get random values too,
 * and time_ns (the hypervisor's) a stale one. Then one synchronous call.
 * The ABI (docs/abi.md) says what must come of it: the run of ready slots
 * ran, in order, each marked done with its result; every other slot is
 * untouched, status, call and result; the synchronous call ran after
 * them; the guest's fields are as it left them, no interrupt is pending
 * and time_ns is fresh. The rest of the page holds the runtime's own
 * variables, so it is not scribbled on, only checked to be unchanged.
 *
 * The calls in the run are valid ones (model.c), drawn in ring order, so
 * that the model follows them. Ready slots past the first slot that is
 * not ready hold a CRASH whose message says what went wrong: should the
 * hypervisor run one, the kill line tells. The guest writes the status of
 * the slot the hypervisor looks at first last of all, so that the ring
 * holds the same whenever the hypervisor runs it: before an interrupt
 * returns to the guest, in batches, or for the synchronous call.
 */
#include <stdio.h>
#include <string.h>
#include <types.h>
#include "fuzz.h"

#define PAGE_TAIL           (PAGE_SIZE - sizeof(struct hv_shared))

static unsigned hv_next;            /* where the hypervisor looks next */
static uint8_t status[HV_ASYNC_SLOTS];
static uint8_t runs[HV_ASYNC_SLOTS];
static struct call planned[HV_ASYNC_SLOTS];
static struct hv_async_call before[HV_ASYNC_SLOTS];
static uint8_t tail[PAGE_TAIL];
static uint32_t noirq_start, noirq_end;
static uint64_t last_time;

static const char tripwire[] = "the async ring ran a slot it must not run";

static unsigned slot_at(unsigned k)
{
	return (hv_next + k) % HV_ASYNC_SLOTS;
}

/* A status byte that is not HV_SLOT_READY. */
static uint8_t not_ready(void)
{
	uint8_t s;

	do
		s = chance(50) ? (chance(50) ? HV_SLOT_FREE : HV_SLOT_DONE)
			       : (uint8_t)rnd();
	while (s == HV_SLOT_READY);
	return s;
}

void ring_init(void)
{
	noirq_start = hv_self()->noirq_start;
	noirq_end = hv_self()->noirq_end;
	last_time = hv_self()->time_ns;
}

static void fill_slot(unsigned s, const struct call *c)
{
	hv_self()->slots[s].nr = c->nr;
	memcpy(hv_self()->slots[s].args, c->arg, sizeof(c->arg));
	hv_self()->slots[s].result = rnd();
}

/* Random contents for a slot that must not run. */
static void fill_idle(unsigned s)
{
	struct call c = { HV_CALL_CRASH, { (uint32_t)tripwire, rnd(), rnd(),
					   rnd() }, 0, 0 };

	if (status[s] != HV_SLOT_READY && chance(50)) {
		c.nr = rnd();
		c.arg[0] = rnd();
	}
	fill_slot(s, &c);
}

/* Statuses and contents for a round whose first `run` slots run. */
static void plan(unsigned run)
{
	unsigned k, s;

	for (k = 0; k < HV_ASYNC_SLOTS; k++) {
		s = slot_at(k);
		runs[s] = k < run;
		if (k < run)
			status[s] = HV_SLOT_READY;
		else if (k == run)
			status[s] = not_ready();
		else
			status[s] = chance(30) ? HV_SLOT_READY : not_ready();
	}
	for (k = 0; k < HV_ASYNC_SLOTS; k++) {
		s = slot_at(k);
		if (runs[s]) {
			valid_call(&planned[s]);
			fill_slot(s, &planned[s]);
		} else {
			fill_idle(s);
		}
	}
	memcpy(before, hv_self()->slots, sizeof(before));
}

/* Sets every status, the slot the hypervisor looks at first last. */
static void publish(void)
{
	unsigned k;

	for (k = 1; k < HV_ASYNC_SLOTS; k++)
		hv_self()->slot_status[slot_at(k)] = status[slot_at(k)];
	__atomic_store_n(&hv_self()->slot_status[hv_next], status[hv_next],
			 __ATOMIC_RELEASE);
}

/* Random values where the guest writes; reset() puts sane ones back. */
static void scribble(void)
{
	hv_self()->irq_enabled = rnd();
	hv_self()->blocked_irqs[0] = rnd();
	hv_self()->blocked_irqs[1] = rnd();
	hv_self()->noirq_start = rnd();
	hv_self()->noirq_end = rnd();
	/* NEW_PGTABLE from the ring reads it: keep it valid. */
	hv_self()->kernel_address = below(RESERVE_LOW);
	hv_self()->time_ns = 0;      /* the next entry must refresh it */
}

static void reset(void)
{
	hv_self()->irq_enabled = 0;
	hv_self()->blocked_irqs[0] = hv_self()->blocked_irqs[1] = 0;
	hv_self()->noirq_start = noirq_start;
	hv_self()->noirq_end = noirq_end;
	hv_self()->kernel_address = 0;
}

static void ring_wrong(unsigned s, const char *what)
{
	fuzz.wrong++;
	if (fuzz.wrong <= 10)
		say("FAILED: ring slot %u (status %u, call %u): %s\n", s,
		       status[s], before[s].nr, what);
}

static void check_slot(unsigned s)
{
	const struct hv_async_call *now = &hv_self()->slots[s];
	int same = now->nr == before[s].nr &&
		   !memcmp(now->args, before[s].args, sizeof(now->args));
	uint8_t st = hv_self()->slot_status[s];

	if (!same)
		ring_wrong(s, "the call in it changed");
	if (!runs[s]) {
		if (st != status[s] || now->result != before[s].result)
			ring_wrong(s, "a slot that must not run was touched");
		return;
	}
	if (st != HV_SLOT_DONE)
		ring_wrong(s, "a slot that must run is not done");
	else if (!planned[s].any_result && now->result != planned[s].expect)
		wrong_result(&planned[s], now->result, "from the ring");
}

/* What the ABI promises of the shared page after an entry. */
static void check_page(const struct hv_shared *want)
{
	const struct hv_shared *now = hv_self();

	if (now->irq_enabled != want->irq_enabled ||
	    memcmp(now->blocked_irqs, want->blocked_irqs,
		   sizeof(now->blocked_irqs)) ||
	    now->noirq_start != want->noirq_start ||
	    now->noirq_end != want->noirq_end ||
	    now->kernel_address != want->kernel_address)
		ring_wrong(hv_next, "the hypervisor changed a guest field");
	if (now->pending_irqs[0] || now->pending_irqs[1] ||
	    now->reserve_top != hv_boot->reserve_top)
		ring_wrong(hv_next, "wrong pending_irqs or reserve_top");
	if (now->time_ns < last_time)
		ring_wrong(hv_next, "time_ns was not brought up to date");
	last_time = now->time_ns;
	if (memcmp(tail, (const uint8_t *)now + sizeof(*now), PAGE_TAIL))
		ring_wrong(hv_next, "the rest of the shared page changed");
}

static unsigned run_length(uint32_t budget)
{
	unsigned n;

	switch (below(8)) {
	case 0:
		n = 0;
		break;
	case 1:
		n = HV_ASYNC_SLOTS;         /* a whole lap */
		break;
	default:
		n = below(HV_ASYNC_SLOTS + 1);
		break;
	}
	return n < budget ? n : budget;
}

/* One round: at most budget calls, the synchronous one included. */
void ring_round(uint32_t budget)
{
	unsigned run = run_length(budget - 1), s;
	struct hv_shared want;
	struct call sync;
	uint32_t got;

	model_ring_empty();
	plan(run);
	valid_call(&sync);          /* it runs after the ring */
	scribble();
	want = *hv_self();
	memcpy(tail, (const uint8_t *)hv_self() + sizeof(struct hv_shared),
	       PAGE_TAIL);
	publish();
	got = hcall(sync.nr, sync.arg[0], sync.arg[1], sync.arg[2],
		    sync.arg[3]);
	check_page(&want);
	for (s = 0; s < HV_ASYNC_SLOTS; s++)
		check_slot(s);
	if (!sync.any_result && got != sync.expect)
		wrong_result(&sync, got, "after the ring");
	reset();
	hv_next = slot_at(run);
	fuzz.calls += run + 1;
	fuzz.ring += run;
	fuzz.sync++;
	fuzz.rounds++;
}

/* Console writes queued after the fatal call: whether they may appear. */
static const char after_halt[] = "the ring runs on after HALT, as it must\n";
static const char after_kill[] = "FAILED: the ring ran on after a kill\n";

/*
 * Ends the guest from the ring: `valid` calls, a fatal one, then console
 * writes that must appear only when the fatal call was HALT (which takes
 * effect once the ring and the synchronous call have run).
 */
void ring_fatal(unsigned valid)
{
	char why[REASON_MAX];
	const char *text;
	struct call c;
	unsigned k, s;

	model_ring_empty();
	for (k = 0; k < HV_ASYNC_SLOTS; k++)
		status[slot_at(k)] = not_ready();
	for (k = 0; k < valid; k++) {
		valid_call(&c);
		fill_slot(slot_at(k), &c);
	}
	fatal_call(&c, why, 1);
	fill_slot(slot_at(valid), &c);
	text = fatal_is_halt(&c) ? after_halt : after_kill;
	for (k = valid + 1; k < valid + 3; k++) {
		c = (struct call){ HV_CALL_CONSOLE_WRITE, { (uint32_t)text,
				   strlen(text), 0, 0 }, 0, 0 };
		fill_slot(slot_at(k), &c);
	}
	for (k = 0; k < valid + 3; k++)
		status[slot_at(k)] = HV_SLOT_READY;
	say("after %u calls, from the ring: expect \"%s\"\n",
	       fuzz.calls + valid, why);
	publish();
	hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	s = slot_at(valid);
	say("FAILED: still alive; slot %u has status %u, result %u\n", s,
	       hv_self()->slot_status[s], hv_self()->slots[s].result);
	hv_exit(1);
}

/* Frees every slot (the one the hypervisor looks at first is not ready). */
void ring_clear(void)
{
	unsigned s;

	for (s = 0; s < HV_ASYNC_SLOTS; s++)
		hv_self()->slot_status[s] = HV_SLOT_FREE;
}

/* Queues c at the end of the ring, making room first when it is full. */
void ring_queue(const struct call *c)
{
	unsigned s = hv_next;

	if (hv_self()->slot_status[s] == HV_SLOT_READY)
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	fill_slot(s, c);
	__atomic_store_n(&hv_self()->slot_status[s], HV_SLOT_READY,
			 __ATOMIC_RELEASE);
	hv_next = (s + 1) % HV_ASYNC_SLOTS;
}
