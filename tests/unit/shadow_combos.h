/*
 * The four combinations of guest and host page-table format every shadow
 * test runs in, and a check for "no reason given". Included by the shadow
 * tests after check.h.
 */
#ifndef TESTS_SHADOW_COMBOS_H
#define TESTS_SHADOW_COMBOS_H

#include <mm/gwalk.h>
#include <mm/hostpt.h>

#define CHECK_NULL(x)                                                        \
	do {                                                                 \
		const char *why_ = (x);                                      \
		CHECK_STR(why_ ? why_ : "(null)", "(null)");                 \
	} while (0)

struct combo {
	enum guest_pt_format guest;
	enum paging_mode host;
	bool nx;
	const char *name;
};

static const struct combo combos[] = {
	{ GPT_2LEVEL, PAGING_2LEVEL, false, "2level-on-2level" },
	{ GPT_2LEVEL, PAGING_PAE, true, "2level-on-pae" },
	{ GPT_PAE, PAGING_2LEVEL, false, "pae-on-2level" },
	{ GPT_PAE, PAGING_PAE, true, "pae-on-pae" },
};

#endif
