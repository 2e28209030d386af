/* RTC date to epoch seconds against values from Python's calendar.timegm. */
#include <stdint.h>
#include <hv/rtc.h>
#include "check.h"

struct rtc_case {
	struct rtc_time t;
	uint64_t epoch;         /* calendar.timegm() of the same date */
};

static uint64_t epoch(unsigned year, unsigned month, unsigned day,
		      unsigned hour, unsigned minute, unsigned second)
{
	struct rtc_time t = { year, month, day, hour, minute, second };

	return rtc_to_epoch(&t);
}

static void test_epoch_start(void)
{
	CHECK_EQ(epoch(1970, 1, 1, 0, 0, 0), 0);
	CHECK_EQ(epoch(1970, 1, 1, 0, 0, 1), 1);
	CHECK_EQ(epoch(1970, 1, 1, 0, 1, 0), 60);
	CHECK_EQ(epoch(1970, 1, 1, 1, 0, 0), 3600);
	CHECK_EQ(epoch(1970, 1, 2, 0, 0, 0), 86400);
}

static void test_leap_years(void)
{
	/* 1970 is not a leap year: February has 28 days. */
	CHECK_EQ(epoch(1970, 2, 28, 23, 59, 59), 5097599);
	CHECK_EQ(epoch(1970, 3, 1, 0, 0, 0), 5097600);
	/* 1972 is. */
	CHECK_EQ(epoch(1972, 2, 29, 0, 0, 0), 68169600);
	CHECK_EQ(epoch(1972, 3, 1, 0, 0, 0), 68256000);
	/* 2000 is (divisible by 400). */
	CHECK_EQ(epoch(2000, 2, 28, 23, 59, 59), 951782399);
	CHECK_EQ(epoch(2000, 2, 29, 0, 0, 0), 951782400);
	CHECK_EQ(epoch(2000, 3, 1, 0, 0, 0), 951868800);
	CHECK_EQ(epoch(2000, 3, 1, 0, 0, 0) - epoch(2000, 2, 28, 0, 0, 0),
		 2 * 86400);
	/* 2100 is not (divisible by 100 but not 400). */
	CHECK_EQ(epoch(2100, 2, 28, 23, 59, 59), 4107542399);
	CHECK_EQ(epoch(2100, 3, 1, 0, 0, 0), 4107542400);
	/* 2400 is. */
	CHECK_EQ(epoch(2400, 2, 29, 0, 0, 0), 13574563200ull);
}

static void test_known_dates(void)
{
	static const struct rtc_case cases[] = {
		{ { 2024, 2, 29, 12, 34, 56 }, 1709210096 },
		{ { 2038, 1, 19, 3, 14, 7 }, 2147483647 },
		{ { 2038, 1, 19, 3, 14, 8 }, 2147483648ull },  /* 2^31 */
		{ { 2106, 2, 7, 6, 28, 16 }, 4294967296ull },  /* 2^32 */
		{ { 2023, 1, 1, 0, 0, 0 }, 1672531200 },
		{ { 2023, 6, 15, 8, 30, 0 }, 1686817800 },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		CHECK_EQ(rtc_to_epoch(&cases[i].t), cases[i].epoch);
}

static void test_year_ends(void)
{
	CHECK_EQ(epoch(1970, 12, 31, 23, 59, 59), 31535999);
	CHECK_EQ(epoch(1971, 1, 1, 0, 0, 0), 31536000);
	CHECK_EQ(epoch(1999, 12, 31, 23, 59, 59), 946684799);
	CHECK_EQ(epoch(2000, 1, 1, 0, 0, 0), 946684800);
	CHECK_EQ(epoch(2023, 12, 31, 23, 59, 59), 1704067199);
	CHECK_EQ(epoch(2024, 12, 31, 23, 59, 59), 1735689599);
	/* A leap year is 366 days long. */
	CHECK_EQ(epoch(2025, 1, 1, 0, 0, 0) - epoch(2024, 1, 1, 0, 0, 0),
		 366 * 86400);
	CHECK_EQ(epoch(2024, 1, 1, 0, 0, 0) - epoch(2023, 1, 1, 0, 0, 0),
		 365 * 86400);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_epoch_start),
		TEST_ENTRY(test_leap_years),
		TEST_ENTRY(test_known_dates),
		TEST_ENTRY(test_year_ends),
	};
	return check_main("rtc", tests, ARRAY_SIZE(tests));
}
