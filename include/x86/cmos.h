/* The CMOS real-time clock (MC146818 compatible). */
#ifndef X86_CMOS_H
#define X86_CMOS_H

#define CMOS_INDEX          0x70
#define CMOS_DATA           0x71
#define CMOS_NMI_DISABLE    0x80

#define RTC_SECONDS         0x00
#define RTC_MINUTES         0x02
#define RTC_HOURS           0x04
#define RTC_DAY             0x07
#define RTC_MONTH           0x08
#define RTC_YEAR            0x09
#define RTC_STATUS_A        0x0A
#define RTC_STATUS_B        0x0B
#define RTC_CENTURY         0x32    /* where PC firmware keeps it */

#define RTC_A_UPDATING      0x80
#define RTC_B_24HOUR        0x02
#define RTC_B_BINARY        0x04
#define RTC_HOUR_PM         0x80

#endif
