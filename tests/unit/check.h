/*
 * A minimal host test harness: CHECK macros count and report failures,
 * check_main() runs the listed tests and returns the exit status.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_total, check_failed;
static const char *check_current = "";

#define CHECK(cond)                                                          \
	do {                                                                 \
		check_total++;                                               \
		if (!(cond)) {                                               \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n",     \
				__FILE__, __LINE__, check_current, #cond);   \
		}                                                            \
	} while (0)

#define CHECK_EQ(a, b)                                                       \
	do {                                                                 \
		unsigned long long check_a_ = (unsigned long long)(a);       \
		unsigned long long check_b_ = (unsigned long long)(b);       \
		check_total++;                                               \
		if (check_a_ != check_b_) {                                  \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: %s: %s == %s failed: "       \
				"0x%llx != 0x%llx\n", __FILE__, __LINE__,    \
				check_current, #a, #b, check_a_, check_b_);  \
		}                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                      \
	do {                                                                 \
		const char *check_a_ = (a), *check_b_ = (b);                 \
		check_total++;                                               \
		if (strcmp(check_a_, check_b_) != 0) {                       \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: %s: %s: \"%s\" != \"%s\"\n", \
				__FILE__, __LINE__, check_current, #a,       \
				check_a_, check_b_);                         \
		}                                                            \
	} while (0)

struct check_test {
	const char *name;
	void (*fn)(void);
};

#define TEST_ENTRY(fn) { #fn, fn }

static inline int check_main(const char *suite, const struct check_test *tests,
			     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		check_current = tests[i].name;
		tests[i].fn();
	}
	printf("%s: %zu tests, %d checks, %d failed\n", suite, n, check_total,
	       check_failed);
	return check_failed ? 1 : 0;
}

#endif
