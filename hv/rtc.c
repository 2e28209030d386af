#include <x86/cmos.h>
#include <x86/io.h>
#include <lib/spinlock.h>
#include "rtc.h"

/* Index then data: two CPUs must not interleave their accesses. */
static struct spinlock cmos_lock = SPINLOCK_RANKED(LOCK_RANK_CMOS);

static uint8_t cmos_read(uint8_t reg)
{
	uint8_t v;

	spin_lock(&cmos_lock);
	outb(CMOS_INDEX, reg | CMOS_NMI_DISABLE);
	v = inb(CMOS_DATA);
	spin_unlock(&cmos_lock);
	return v;
}

static unsigned from_bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10u + (v & 0xF);
}

static void read_once(struct rtc_time *t, uint8_t *century)
{
	while (cmos_read(RTC_STATUS_A) & RTC_A_UPDATING)
		cpu_relax();
	t->second = cmos_read(RTC_SECONDS);
	t->minute = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	*century = cmos_read(RTC_CENTURY);
}

static bool same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->second == b->second && a->minute == b->minute &&
	       a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year;
}

uint64_t rtc_epoch_seconds(void)
{
	struct rtc_time t, again;
	uint8_t century, status_b;
	bool binary, pm;

	/* Read until two reads agree: an update may land in between. */
	read_once(&t, &century);
	for (;;) {
		read_once(&again, &century);
		if (same(&t, &again))
			break;
		t = again;
	}
	status_b = cmos_read(RTC_STATUS_B);
	binary = status_b & RTC_B_BINARY;
	pm = t.hour & RTC_HOUR_PM;
	t.second = from_bcd((uint8_t)t.second, binary);
	t.minute = from_bcd((uint8_t)t.minute, binary);
	t.hour = from_bcd((uint8_t)(t.hour & ~RTC_HOUR_PM), binary);
	if (!(status_b & RTC_B_24HOUR))
		t.hour = (t.hour % 12) + (pm ? 12 : 0);
	t.day = from_bcd((uint8_t)t.day, binary);
	t.month = from_bcd((uint8_t)t.month, binary);
	t.year = from_bcd((uint8_t)t.year, binary);
	century = (uint8_t)from_bcd(century, binary);
	t.year += (century >= 19 && century <= 21) ? century * 100u : 2000u;
	return rtc_to_epoch(&t);
}
