/* The asynchronous hypercall ring: order, stopping, wrap-around and laps. */
#include <stdint.h>
#include <string.h>
#include <guests/abi.h>
#include <hv/async_ring.h>
#include "check.h"

#define MAX_RECORD      (4 * HV_ASYNC_SLOTS)

static struct hv_shared shared;

/* What the callback saw, call by call. */
static struct {
	unsigned n;
	struct hv_async_call calls[MAX_RECORD];
	unsigned fail_at;           /* stop the ring on this call (1-based) */
	unsigned again_at;          /* not finished, this many times in a row */
	unsigned again_left;
	bool tamper;                /* rewrite the running slot in the page */
	bool refill;                /* mark every slot ready again */
	void *ctx_seen;
} rec;

static enum async_outcome record(void *ctx, struct hv_async_call *call)
{
	unsigned k;

	rec.ctx_seen = ctx;
	if (rec.n == MAX_RECORD)
		return ASYNC_STOP;      /* runaway: stop the ring */
	rec.calls[rec.n++] = *call;
	if (rec.tamper) {
		/* The guest rewrites the slot being run, in every slot. */
		for (k = 0; k < HV_ASYNC_SLOTS; k++) {
			shared.slots[k].nr = 0xBAD;
			shared.slots[k].args[0] = 0xBAD;
		}
	}
	if (rec.refill)
		for (k = 0; k < HV_ASYNC_SLOTS; k++)
			shared.slot_status[k] = HV_SLOT_READY;
	if (rec.fail_at && rec.n == rec.fail_at)
		return ASYNC_STOP;
	if (rec.again_at && rec.n == rec.again_at && rec.again_left) {
		rec.again_left--;
		rec.n--;                /* it will be seen again */
		return ASYNC_AGAIN;
	}
	call->result = call->nr * 1000 + call->args[0];
	return ASYNC_DONE;
}

static void begin(void)
{
	memset(&shared, 0, sizeof(shared));
	memset(&rec, 0, sizeof(rec));
}

/* Fills slot i with a recognisable call and marks it ready. */
static void fill(unsigned i, uint32_t nr)
{
	shared.slots[i].nr = nr;
	shared.slots[i].args[0] = i;
	shared.slots[i].args[1] = 0x11110000 + i;
	shared.slots[i].args[2] = 0x22220000 + i;
	shared.slots[i].args[3] = 0x33330000 + i;
	shared.slots[i].result = 0xFFFFFFFF;    /* stale, from an earlier run */
	shared.slot_status[i] = HV_SLOT_READY;
}

static unsigned run(unsigned *next)
{
	return async_ring_run(&shared, next, HV_ASYNC_SLOTS, record, &rec);
}

static void test_empty_ring(void)
{
	unsigned next = 5;

	begin();
	CHECK_EQ(run(&next), 0);
	CHECK_EQ(rec.n, 0);
	CHECK_EQ(next, 5);
}

static void test_in_order_until_not_ready(void)
{
	unsigned next = 3, i;

	begin();
	fill(3, 9);
	fill(4, 10);
	fill(5, 11);
	/* Slot 6 is free: slot 7 must wait even though it is ready. */
	fill(7, 12);
	CHECK_EQ(run(&next), 3);
	CHECK_EQ(rec.n, 3);
	CHECK(rec.ctx_seen == &rec);
	for (i = 0; i < 3; i++) {
		CHECK_EQ(rec.calls[i].nr, 9 + i);
		CHECK_EQ(rec.calls[i].args[0], 3 + i);
		CHECK_EQ(rec.calls[i].args[1], 0x11110000 + 3 + i);
		CHECK_EQ(rec.calls[i].args[2], 0x22220000 + 3 + i);
		CHECK_EQ(rec.calls[i].args[3], 0x33330000 + 3 + i);
		CHECK_EQ(rec.calls[i].result, 0);  /* not the stale result */
		CHECK_EQ(shared.slot_status[3 + i], HV_SLOT_DONE);
		CHECK_EQ(shared.slots[3 + i].result, (9 + i) * 1000 + 3 + i);
	}
	CHECK_EQ(next, 6);
	CHECK_EQ(shared.slot_status[6], HV_SLOT_FREE);
	CHECK_EQ(shared.slot_status[7], HV_SLOT_READY);
	CHECK_EQ(shared.slots[7].result, 0xFFFFFFFF);
	/* Slots before *next are not looked at. */
	CHECK_EQ(shared.slot_status[2], HV_SLOT_FREE);

	/* Once slot 6 is filled, the next entry runs 6 and 7. */
	fill(6, 13);
	rec.n = 0;
	CHECK_EQ(run(&next), 2);
	CHECK_EQ(rec.calls[0].nr, 13);
	CHECK_EQ(rec.calls[1].nr, 12);
	CHECK_EQ(next, 8);
	CHECK_EQ(shared.slot_status[6], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[7], HV_SLOT_DONE);
}

static void test_free_and_done_not_run(void)
{
	unsigned next = 0;

	begin();
	fill(0, 1);
	shared.slot_status[0] = HV_SLOT_DONE;
	CHECK_EQ(run(&next), 0);
	CHECK_EQ(rec.n, 0);
	CHECK_EQ(next, 0);
	CHECK_EQ(shared.slot_status[0], HV_SLOT_DONE);
	CHECK_EQ(shared.slots[0].result, 0xFFFFFFFF);

	fill(0, 1);
	shared.slot_status[0] = HV_SLOT_FREE;
	CHECK_EQ(run(&next), 0);
	CHECK_EQ(rec.n, 0);
	CHECK_EQ(shared.slot_status[0], HV_SLOT_FREE);

	/* An unknown status is not "ready" either. */
	fill(0, 1);
	shared.slot_status[0] = 0x7F;
	CHECK_EQ(run(&next), 0);
	CHECK_EQ(rec.n, 0);
	CHECK_EQ(shared.slot_status[0], 0x7F);
}

static void test_wrap_around(void)
{
	unsigned last = HV_ASYNC_SLOTS - 1, next = last - 1;

	begin();
	fill(last - 1, 1);
	fill(last, 2);
	fill(0, 3);
	fill(1, 4);
	CHECK_EQ(run(&next), 4);
	CHECK_EQ(rec.calls[0].args[0], last - 1);
	CHECK_EQ(rec.calls[1].args[0], last);
	CHECK_EQ(rec.calls[2].args[0], 0);
	CHECK_EQ(rec.calls[3].args[0], 1);
	CHECK_EQ(next, 2);
	CHECK_EQ(shared.slot_status[last], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[0], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[1], HV_SLOT_DONE);
	CHECK_EQ(shared.slots[0].result, 3000);
}

/* *next beyond the ring is taken modulo the ring size. */
static void test_next_out_of_range(void)
{
	unsigned next = HV_ASYNC_SLOTS + 2;

	begin();
	fill(2, 5);
	CHECK_EQ(run(&next), 1);
	CHECK_EQ(rec.calls[0].args[0], 2);
	CHECK_EQ(next, 3);
	CHECK_EQ(shared.slot_status[2], HV_SLOT_DONE);
}

static void test_full_ring_one_lap(void)
{
	unsigned next = 10, i;

	begin();
	for (i = 0; i < HV_ASYNC_SLOTS; i++)
		fill(i, 100 + i);
	CHECK_EQ(run(&next), HV_ASYNC_SLOTS);
	CHECK_EQ(rec.n, HV_ASYNC_SLOTS);
	for (i = 0; i < HV_ASYNC_SLOTS; i++) {
		unsigned slot = (10 + i) % HV_ASYNC_SLOTS;

		CHECK_EQ(rec.calls[i].args[0], slot);
		CHECK_EQ(shared.slot_status[i], HV_SLOT_DONE);
		CHECK_EQ(shared.slots[i].result, (100 + i) * 1000 + i);
	}
	CHECK_EQ(next, 10);
}

/* A guest that keeps marking slots ready still gets at most one lap. */
static void test_refilling_guest_bounded(void)
{
	unsigned next = 0, i;

	begin();
	for (i = 0; i < HV_ASYNC_SLOTS; i++)
		fill(i, 1);
	rec.refill = true;
	CHECK_EQ(run(&next), HV_ASYNC_SLOTS);
	CHECK_EQ(rec.n, HV_ASYNC_SLOTS);
	CHECK_EQ(next, 0);
}

static void test_callback_failure_stops(void)
{
	unsigned next = 20, i;

	begin();
	for (i = 20; i < 25; i++)
		fill(i, i);
	rec.fail_at = 3;                /* slot 22 kills the guest */
	CHECK_EQ(run(&next), 3);
	CHECK_EQ(rec.n, 3);
	CHECK_EQ(shared.slot_status[20], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[21], HV_SLOT_DONE);
	CHECK_EQ(shared.slots[21].result, 21 * 1000 + 21);
	/* The failed slot is not marked done and keeps its old result. */
	CHECK_EQ(shared.slot_status[22], HV_SLOT_READY);
	CHECK_EQ(shared.slots[22].result, 0xFFFFFFFF);
	/* Later slots were not run. */
	CHECK_EQ(shared.slot_status[23], HV_SLOT_READY);
	CHECK_EQ(shared.slot_status[24], HV_SLOT_READY);
	CHECK_EQ(shared.slots[23].result, 0xFFFFFFFF);
	/* The failed call was consumed. */
	CHECK_EQ(next, 23);
}

static void test_call_is_a_copy(void)
{
	unsigned next = 0;

	begin();
	fill(0, 7);
	fill(1, 8);
	rec.tamper = true;
	CHECK_EQ(run(&next), 2);
	/* What the callback recorded before tampering is the original. */
	CHECK_EQ(rec.calls[0].nr, 7);
	CHECK_EQ(rec.calls[0].args[0], 0);
	CHECK_EQ(rec.calls[1].nr, 0xBAD);      /* copied when its turn came */
	CHECK_EQ(rec.calls[1].args[0], 0xBAD);    /* slot 1 was rewritten */
	/* The result comes from the copy the callback ran, not the page. */
	CHECK_EQ(shared.slots[0].result, 7 * 1000 + 0);
	CHECK_EQ(shared.slots[1].result, 0xBAD * 1000 + 0xBAD);
}

/* The callback sees the copy: changes to the page mid-call do not reach it. */
static enum async_outcome check_copy(void *ctx, struct hv_async_call *call)
{
	unsigned *bad = ctx;

	shared.slots[0].nr = 0xDEAD;
	shared.slots[0].args[2] = 0xDEAD;
	if (call == &shared.slots[0] || call->nr != 7 ||
	    call->args[2] != 0x22220000)
		(*bad)++;
	call->result = 42;
	return ASYNC_DONE;
}

static void test_call_unchanged_by_page(void)
{
	unsigned next = 0, bad = 0;

	begin();
	fill(0, 7);
	CHECK_EQ(async_ring_run(&shared, &next, 1, check_copy, &bad), 1);
	CHECK_EQ(bad, 0);
	CHECK_EQ(shared.slots[0].result, 42);
	CHECK_EQ(shared.slot_status[0], HV_SLOT_DONE);
}

/* A budget bounds one run; the next run resumes where it stopped. */
static void test_budget_resumes(void)
{
	unsigned next = 60, i;

	begin();
	for (i = 0; i < 10; i++)
		fill((60 + i) % HV_ASYNC_SLOTS, 200 + i);
	CHECK_EQ(async_ring_run(&shared, &next, 4, record, &rec), 4);
	CHECK_EQ(next, 0);
	CHECK(async_ring_ready(&shared, next));
	CHECK_EQ(shared.slot_status[63], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[0], HV_SLOT_READY);
	CHECK_EQ(async_ring_run(&shared, &next, 4, record, &rec), 4);
	CHECK_EQ(async_ring_run(&shared, &next, 4, record, &rec), 2);
	CHECK_EQ(next, 6);
	CHECK(!async_ring_ready(&shared, next));
	CHECK_EQ(rec.n, 10);
	for (i = 0; i < 10; i++)
		CHECK_EQ(rec.calls[i].nr, 200 + i);
	/* A zero budget runs nothing; a huge one still stops at a lap. */
	CHECK_EQ(async_ring_run(&shared, &next, 0, record, &rec), 0);
	for (i = 0; i < HV_ASYNC_SLOTS; i++)
		fill(i, 1);
	rec.refill = true;
	CHECK_EQ(async_ring_run(&shared, &next, ~0u, record, &rec),
		 HV_ASYNC_SLOTS);
}

/* A call that cannot finish yet keeps its slot ready and stops the run. */
static void test_unfinished_call_runs_again(void)
{
	unsigned next = 5;

	begin();
	fill(5, 1);
	fill(6, 2);
	fill(7, 3);
	rec.again_at = 2;
	rec.again_left = 2;
	CHECK_EQ(run(&next), 1);
	CHECK_EQ(next, 6);
	CHECK_EQ(shared.slot_status[5], HV_SLOT_DONE);
	CHECK_EQ(shared.slot_status[6], HV_SLOT_READY);
	CHECK_EQ(shared.slots[6].result, 0xFFFFFFFF);
	CHECK_EQ(shared.slot_status[7], HV_SLOT_READY);
	CHECK_EQ(run(&next), 0);        /* still not finished */
	CHECK_EQ(next, 6);
	CHECK_EQ(run(&next), 2);        /* finishes, then slot 7 runs */
	CHECK_EQ(next, 8);
	CHECK_EQ(rec.n, 3);
	CHECK_EQ(rec.calls[1].nr, 2);
	CHECK_EQ(shared.slots[6].result, 2 * 1000 + 6);
	CHECK_EQ(shared.slot_status[7], HV_SLOT_DONE);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_empty_ring),
		TEST_ENTRY(test_in_order_until_not_ready),
		TEST_ENTRY(test_free_and_done_not_run),
		TEST_ENTRY(test_wrap_around),
		TEST_ENTRY(test_next_out_of_range),
		TEST_ENTRY(test_full_ring_one_lap),
		TEST_ENTRY(test_refilling_guest_bounded),
		TEST_ENTRY(test_callback_failure_stops),
		TEST_ENTRY(test_call_is_a_copy),
		TEST_ENTRY(test_call_unchanged_by_page),
		TEST_ENTRY(test_budget_resumes),
		TEST_ENTRY(test_unfinished_call_runs_again),
	};
	return check_main("async_ring", tests, ARRAY_SIZE(tests));
}
