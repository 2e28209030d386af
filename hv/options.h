/* The hypervisor's command line, as GRUB passes it. */
#ifndef HV_OPTIONS_H
#define HV_OPTIONS_H

#include <types.h>

enum paging_choice {
	PAGING_CHOICE_AUTO,
	PAGING_CHOICE_PAE,
	PAGING_CHOICE_2LEVEL,
};

enum crash_kind {
	CRASH_NONE,
	CRASH_PAGE_FAULT,       /* write to an unmapped address */
	CRASH_INVALID_OPCODE,   /* ud2 */
	CRASH_DIVIDE,           /* divide by zero */
	CRASH_DOUBLE_FAULT,     /* exception with the stack unmapped */
	CRASH_HANG,             /* spin forever with interrupts off */
};

/* Where the console goes: console=serial|screen|both. */
enum console_choice {
	CONSOLE_BOTH,
	CONSOLE_SERIAL,
	CONSOLE_SCREEN,
};

struct hv_options {
	enum paging_choice paging;
	enum console_choice console;
	unsigned cpus;          /* CPUs to use, the boot CPU's included; 0: all */
	enum crash_kind crash;  /* test only: fault on purpose after boot */
	bool stats;             /* per-guest statistics when guests end */
	bool silent_cpus;       /* test only: no start-up IPIs, so no CPU answers */
	bool lockcheck;         /* check the lock order (lib/lock_order.h) */
};

extern struct hv_options hv_options;

/* Parses cmdline; unknown words and bad values are reported and ignored. */
void options_parse(const char *cmdline, struct hv_options *opt);

/* Test only: causes the chosen exception in the hypervisor. */
void crash_now(enum crash_kind kind);

#endif
