/* Wall-clock time from the CMOS real-time clock. */
#ifndef HV_RTC_H
#define HV_RTC_H

#include <types.h>

struct rtc_time {
	unsigned year, month, day, hour, minute, second;
};

/* Seconds since 1970-01-01 00:00 UTC for a date from 1970 on. Pure. */
uint64_t rtc_to_epoch(const struct rtc_time *t);

/* Reads the RTC (taken to run on UTC). */
uint64_t rtc_epoch_seconds(void);

#endif
