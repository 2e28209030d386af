/* The trace ring: order, overwriting the oldest, and each event as text. */
#include <string.h>
#include <hv/trace_ring.h>
#include "check.h"

static struct trace_ring ring;

static void put(uint32_t a)
{
	struct trace_event e = { .time_ns = a, .kind = TRACE_EXIT, .guest = 1,
				 .a = a, .b = 0 };

	trace_ring_put(&ring, &e);
}

static void test_order(void)
{
	uint32_t i;

	memset(&ring, 0, sizeof(ring));
	CHECK_EQ(trace_ring_count(&ring), 0);
	for (i = 0; i < 10; i++)
		put(i);
	CHECK_EQ(trace_ring_count(&ring), 10);
	for (i = 0; i < 10; i++)
		CHECK_EQ(trace_ring_at(&ring, i)->a, i);
}

static void test_overwrites_oldest(void)
{
	uint32_t i;

	memset(&ring, 0, sizeof(ring));
	for (i = 0; i < TRACE_EVENTS + 5; i++)
		put(i);
	CHECK_EQ(trace_ring_count(&ring), TRACE_EVENTS);
	CHECK_EQ(ring.recorded, TRACE_EVENTS + 5);
	CHECK_EQ(trace_ring_at(&ring, 0)->a, 5);
	CHECK_EQ(trace_ring_at(&ring, TRACE_EVENTS - 1)->a, TRACE_EVENTS + 4);
}

static void test_format(void)
{
	struct trace_event e = { 0 };
	char buf[64];

	e.kind = TRACE_EXIT, e.a = 14, e.b = 0x101234;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "exit 14 at eip 0x00101234");
	e.kind = TRACE_HYPERCALL, e.a = 18, e.b = 5;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "hypercall 18 returned 0x5");
	e.kind = TRACE_FAULT_FIXED, e.a = 0x40000000, e.b = 2;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "page fault at 0x40000000 (error 2) filled");
	e.kind = TRACE_FAULT_REFLECTED, e.b = 7;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "page fault at 0x40000000 given to it (error 7)");
	e.kind = TRACE_KILL;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "killed");
	e.kind = 200;
	trace_format(&e, buf, sizeof(buf));
	CHECK_STR(buf, "event 200");
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_order),
		TEST_ENTRY(test_overwrites_oldest),
		TEST_ENTRY(test_format),
	};
	return check_main("trace_ring", tests, sizeof(tests) / sizeof(tests[0]));
}
