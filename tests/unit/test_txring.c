/* The console's transmit queue: order, room, wrap-around, per-owner counts. */
#include <stdint.h>
#include <string.h>
#include <lib/txring.h>
#include "check.h"

static struct txring ring;

static void begin(void)
{
	memset(&ring, 0, sizeof(ring));
}

static void test_put_take_in_order(void)
{
	char out[16];

	begin();
	CHECK(txring_empty(&ring));
	CHECK_EQ(txring_put(&ring, 0, "hv: ", 4), 4);
	CHECK_EQ(txring_put(&ring, 3, "abc", 3), 3);
	CHECK_EQ(txring_queued(&ring, 0), 4);
	CHECK_EQ(txring_queued(&ring, 3), 3);
	CHECK_EQ(txring_room(&ring), TXRING_SIZE - 7);
	CHECK_EQ(txring_take(&ring, out, 5), 5);
	CHECK(memcmp(out, "hv: a", 5) == 0);
	CHECK_EQ(txring_queued(&ring, 0), 0);
	CHECK_EQ(txring_queued(&ring, 3), 2);
	CHECK_EQ(txring_take(&ring, out, sizeof(out)), 2);
	CHECK(memcmp(out, "bc", 2) == 0);
	CHECK_EQ(txring_queued(&ring, 3), 0);
	CHECK(txring_empty(&ring));
	CHECK_EQ(txring_take(&ring, out, sizeof(out)), 0);
}

static void test_full_ring_refuses_rest(void)
{
	static char big[TXRING_SIZE + 100];
	char out[8];

	begin();
	memset(big, 'x', sizeof(big));
	CHECK_EQ(txring_put(&ring, 1, big, sizeof(big)), TXRING_SIZE);
	CHECK_EQ(txring_room(&ring), 0);
	CHECK_EQ(txring_put(&ring, 2, "y", 1), 0);
	CHECK_EQ(txring_queued(&ring, 2), 0);
	CHECK_EQ(txring_queued(&ring, 1), TXRING_SIZE);
	CHECK_EQ(txring_take(&ring, out, 3), 3);
	CHECK_EQ(txring_put(&ring, 2, "yz!?", 4), 3);
	CHECK_EQ(txring_queued(&ring, 2), 3);
}

/* Positions wrap at 2^32 as well as at the ring's size. */
static void test_wraps(void)
{
	char out[64];
	unsigned round;

	begin();
	ring.head = ring.tail = 0xFFFFFFF0u;
	for (round = 0; round < 3; round++) {
		CHECK_EQ(txring_put(&ring, 5, "0123456789abcdefghij", 20), 20);
		CHECK_EQ(txring_room(&ring), TXRING_SIZE - 20);
		CHECK_EQ(txring_take(&ring, out, sizeof(out)), 20);
		CHECK(memcmp(out, "0123456789abcdefghij", 20) == 0);
		CHECK(txring_empty(&ring));
		CHECK_EQ(txring_queued(&ring, 5), 0);
	}
	ring.head = ring.tail = TXRING_SIZE - 3;
	CHECK_EQ(txring_put(&ring, 4, "wrap", 4), 4);
	CHECK_EQ(txring_take(&ring, out, 4), 4);
	CHECK(memcmp(out, "wrap", 4) == 0);
}

static void test_owner_out_of_range(void)
{
	char out[4];

	begin();
	CHECK_EQ(txring_put(&ring, TXRING_OWNERS + 2, "ab", 2), 2);
	CHECK_EQ(txring_queued(&ring, 2), 2);
	CHECK_EQ(txring_queued(&ring, TXRING_OWNERS + 2), 0);
	CHECK_EQ(txring_take(&ring, out, 4), 2);
	CHECK_EQ(txring_queued(&ring, 2), 0);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_put_take_in_order),
		TEST_ENTRY(test_full_ring_refuses_rest),
		TEST_ENTRY(test_wraps),
		TEST_ENTRY(test_owner_out_of_range),
	};
	return check_main("txring", tests, ARRAY_SIZE(tests));
}
