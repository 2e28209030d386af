#include <lib/console.h>
#include <lib/percpu.h>
#include "cmdline.h"
#include "options.h"

struct hv_options hv_options;

struct choice {
	const char *name;
	int value;
};

static const struct choice paging_choices[] = {
	{ "auto", PAGING_CHOICE_AUTO },
	{ "pae", PAGING_CHOICE_PAE },
	{ "2level", PAGING_CHOICE_2LEVEL },
	{ NULL, 0 },
};

static const struct choice console_choices[] = {
	{ "both", CONSOLE_BOTH },
	{ "serial", CONSOLE_SERIAL },
	{ "screen", CONSOLE_SCREEN },
	{ NULL, 0 },
};

static const struct choice crash_choices[] = {
	{ "pagefault", CRASH_PAGE_FAULT },
	{ "ud", CRASH_INVALID_OPCODE },
	{ "divide", CRASH_DIVIDE },
	{ "doublefault", CRASH_DOUBLE_FAULT },
	{ "hang", CRASH_HANG },
	{ NULL, 0 },
};

/* The value's entry in choices, or NULL after saying what is accepted. */
static const struct choice *pick(const struct cmdline_word *w,
				 const struct choice *choices)
{
	const struct choice *c;

	for (c = choices; c->name; c++)
		if (cmdline_value_is(w, c->name))
			return c;
	kprintf("cmdline: %.*s=%.*s is not one of", (int)w->keylen, w->key,
		(int)w->valuelen, w->value ? w->value : "");
	for (c = choices; c->name; c++)
		kprintf(" %s", c->name);
	kprintf("; ignored\n");
	return NULL;
}

/* cpus=N: 1 up to MAX_CPUS. */
static void parse_cpus(const struct cmdline_word *w, struct hv_options *opt)
{
	uint64_t n;

	if (w->value && cmdline_parse_size(w->value, w->valuelen, &n) &&
	    n >= 1 && n <= MAX_CPUS) {
		opt->cpus = (unsigned)n;
		return;
	}
	kprintf("cmdline: cpus=%.*s is not a number from 1 to %u; ignored\n",
		(int)w->valuelen, w->value ? w->value : "", MAX_CPUS);
}

void options_parse(const char *cmdline, struct hv_options *opt)
{
	struct cmdline_word w;
	const struct choice *c;

	*opt = (struct hv_options){ PAGING_CHOICE_AUTO, CONSOLE_BOTH, 0,
				    CRASH_NONE, false, false, false };
	while (cmdline_next(&cmdline, &w)) {
		if (cmdline_key_is(&w, "paging")) {
			if ((c = pick(&w, paging_choices)))
				opt->paging = (enum paging_choice)c->value;
		} else if (cmdline_key_is(&w, "console")) {
			if ((c = pick(&w, console_choices)))
				opt->console = (enum console_choice)c->value;
		} else if (cmdline_key_is(&w, "cpus")) {
			parse_cpus(&w, opt);
		} else if (cmdline_key_is(&w, "crash")) {
			if ((c = pick(&w, crash_choices)))
				opt->crash = (enum crash_kind)c->value;
		} else if (cmdline_key_is(&w, "stats") && !w.value) {
			opt->stats = true;
		} else if (cmdline_key_is(&w, "silent_cpus") && !w.value) {
			opt->silent_cpus = true;
		} else if (cmdline_key_is(&w, "lockcheck") && !w.value) {
			opt->lockcheck = true;
		} else {
			kprintf("cmdline: unknown option '%.*s' ignored\n",
				(int)(w.keylen + (w.value ? w.valuelen + 1 : 0)),
				w.key);
		}
	}
}
