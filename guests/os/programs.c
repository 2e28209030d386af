#include <lib/fmt.h>
#include <lib/string.h>
#include "os.h"
#include "programs.h"
#include "timer.h"

#define PROGRAM_MAX_SIZE        4096u   /* beyond: not the program's own */

struct program {
	const char *name;
	void (*run)(void);
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

static const struct program programs[] = {
	{ "breakpoint", breakpoint },
	{ "divide", divide },
	{ "sleep", sleep },
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

static void run_one(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		if (strlen(programs[i].name) == len &&
		    !memcmp(programs[i].name, word, len)) {
			current = &programs[i];
			programs[i].run();
			current = NULL;
			return;
		}
	}
	os_printf("programs: no program '%.*s'\n", (int)len, word);
}

void programs_run(const char *cmdline)
{
	const char *p = cmdline;

	while (*p) {
		const char *word;

		while (*p == ' ')
			p++;
		word = p;
		while (*p && *p != ' ')
			p++;
		if (p > word)
			run_one(word, (size_t)(p - word));
	}
}
