/* The console input queue: order, wrap-around, and dropping the oldest when full. */
#include <string.h>
#include <lib/inring.h>
#include "check.h"

static struct inring ring;

static void test_in_order(void)
{
	uint8_t out[8];

	memset(&ring, 0, sizeof(ring));
	CHECK_EQ(inring_take(&ring, out, sizeof(out)), 0);
	CHECK(inring_put(&ring, 'a'));
	CHECK(inring_put(&ring, 'b'));
	CHECK(inring_put(&ring, 'c'));
	CHECK_EQ(inring_count(&ring), 3);
	CHECK_EQ(inring_take(&ring, out, 2), 2);
	CHECK(memcmp(out, "ab", 2) == 0);
	CHECK_EQ(inring_take(&ring, out, sizeof(out)), 1);
	CHECK_EQ(out[0], 'c');
	CHECK_EQ(inring_count(&ring), 0);
	CHECK_EQ(ring.dropped, 0);
}

/* Full: each new byte pushes out the oldest, so the newest always survive. */
static void test_full_drops_oldest(void)
{
	static uint8_t out[INRING_SIZE + 8];
	uint32_t i;

	memset(&ring, 0, sizeof(ring));
	for (i = 0; i < INRING_SIZE; i++)
		CHECK(inring_put(&ring, (uint8_t)i));
	CHECK_EQ(inring_count(&ring), INRING_SIZE);
	for (i = 0; i < 10; i++)
		CHECK(!inring_put(&ring, (uint8_t)(INRING_SIZE + i)));
	CHECK_EQ(ring.dropped, 10);
	CHECK_EQ(inring_count(&ring), INRING_SIZE);
	CHECK_EQ(inring_take(&ring, out, sizeof(out)), INRING_SIZE);
	for (i = 0; i < INRING_SIZE; i++)
		if (out[i] != (uint8_t)(i + 10))
			break;
	CHECK_EQ(i, INRING_SIZE);
}

static void test_wraps_at_2_32(void)
{
	uint8_t out[4];

	memset(&ring, 0, sizeof(ring));
	ring.head = ring.tail = 0xFFFFFFFEu;
	CHECK(inring_put(&ring, 'x'));
	CHECK(inring_put(&ring, 'y'));
	CHECK(inring_put(&ring, 'z'));
	CHECK_EQ(ring.head, 1);
	CHECK_EQ(inring_count(&ring), 3);
	CHECK_EQ(inring_take(&ring, out, sizeof(out)), 3);
	CHECK(memcmp(out, "xyz", 3) == 0);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_in_order),
		TEST_ENTRY(test_full_drops_oldest),
		TEST_ENTRY(test_wraps_at_2_32),
	};
	return check_main("inring", tests, sizeof(tests) / sizeof(tests[0]));
}
