#include <lib/fmt.h>
#include <lib/string.h>
#include "os.h"
#include "frames.h"
#include "paging.h"
#include "process.h"
#include "programs.h"
#include "timer.h"
#include "user.h"
#include "words.h"

#define PROGRAM_MAX_SIZE        4096u   /* beyond: not the program's own */

/* A kernel program (run) or a process's (entry, at its user address). */
struct program {
	const char *name;
	void (*run)(void);
	void (*entry)(void);
};

/* int3: reported by the OS's handler, then back here. */
static void breakpoint(void)
{
	__asm__ volatile("int3");
	os_printf("breakpoint: back from the handler\n");
}

/* Divides by zero (in assembler: C may not): the OS stops, status 1. */
static void divide(void)
{
	uint32_t quotient, remainder, zero = 0;

	__asm__ volatile("divl %2" : "=a"(quotient), "=d"(remainder)
			 : "r"(zero), "a"(7), "d"(0));
	os_printf("divide: 7 / 0 = %u, remainder %u\n", quotient, remainder);
}

/* Three sleeps on the timer. */
static void sleep(void)
{
	unsigned i;

	for (i = 1; i <= 3; i++) {
		os_sleep_ms(20 * i);
		os_printf("sleep: woke after %u ms\n", 20 * i);
	}
}

#define TOUCH_PAGES     256u
#define WORDS           (PAGE_SIZE / 4)

/* Demand-zero memory: every page fresh and zeroed at its first touch,
 * one fault each; then all of it given back. */
static void touch(void)
{
	volatile uint32_t *p = (volatile uint32_t *)DEMAND_ZERO_BASE;
	unsigned i, faults = paging_faults(), free = frames_free(), zeroed = 0;
	uint32_t sum = 0;

	for (i = 0; i < TOUCH_PAGES; i++) {
		zeroed += p[i * WORDS + i % WORDS] == 0;
		p[i * WORDS + i % WORDS] = i * 7 + 1;
	}
	for (i = 0; i < TOUCH_PAGES; i++)
		sum += p[i * WORDS + i % WORDS];
	os_printf("touch: %u pages, %u zeroed, %u faults, sum %u\n", TOUCH_PAGES,
		  zeroed, paging_faults() - faults, sum);
	paging_release(DEMAND_ZERO_BASE, TOUCH_PAGES * PAGE_SIZE);
	os_printf("touch: %s frame back\n", frames_free() == free ?
		  "every" : "not every");
}

/* Reads address 0, which is never mapped: the OS stops, status 1. */
static void null(void)
{
	os_printf("null: read %u\n", *(volatile uint32_t *)0);
}

static const struct program programs[] = {
	{ "breakpoint", breakpoint, NULL },
	{ "divide", divide, NULL },
	{ "sleep", sleep, NULL },
	{ "touch", touch, NULL },
	{ "null", null, NULL },
	{ "hello", NULL, user_hello },
	{ "exit3", NULL, user_exit3 },
	{ "peek", NULL, user_peek },
	{ "family", NULL, user_family },
	{ "preempt", NULL, user_preempt },
	{ "pipeline", NULL, user_pipeline },
	{ "init", NULL, user_init },
	{ "stress", NULL, user_stress },
	{ "fpu", NULL, user_fpu },
	{ "tls", NULL, user_tls },
	{ "bench", bench_program, NULL },
	{ "bench-short", bench_short_program, NULL },
};

static const struct program *current;

const char *program_where(uint32_t eip)
{
	static char where[48];
	uint32_t start;

	if (!current)
		return "";
	start = (uint32_t)current->run;
	if (eip < start || eip - start >= PROGRAM_MAX_SIZE)
		return "";
	fmt_snprintf(where, sizeof(where), "%s+0x%x", current->name,
		     eip - start);
	return where;
}

static bool is_setting(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (word[i] == '=')
			return true;
	return false;
}

static const struct program *find(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (strlen(programs[i].name) == len &&
		    !memcmp(programs[i].name, word, len))
			return &programs[i];
	return NULL;
}

void (*program_user_entry(const char *name, size_t len, const char **found))(void)
{
	const struct program *p = find(name, len);

	if (!p || !p->entry)
		return NULL;
	*found = p->name;
	return p->entry;
}

static void run_one(const char *word, size_t len)
{
	const struct program *p = find(word, len);

	if (!p) {
		os_printf("programs: no program '%.*s'\n", (int)len, word);
	} else if (p->entry) {
		process_run(p->name, p->entry);
	} else {
		current = p;
		p->run();
		current = NULL;
	}
}

void programs_run(const char *cmdline)
{
	const char *p = cmdline, *word;
	size_t len;

	/* Words with '=' are settings (pt=pae), not programs. */
	for (word = next_word(&p, &len); len; word = next_word(&p, &len))
		if (!is_setting(word, len))
			run_one(word, len);
}
