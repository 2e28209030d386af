#include "rtc.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

uint64_t rtc_to_epoch(const struct rtc_time *t)
{
	int64_t days = days_from_civil(t->year, t->month, t->day);

	if (days < 0)
		return 0;
	return (uint64_t)days * 86400 + t->hour * 3600u + t->minute * 60u +
	       t->second;
}
