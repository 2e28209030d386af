/*
 * What the fuzzer prints: a case in full (verbose, or case=K), a case
 * whose traps differed from the model's, and the summary at the end,
 * which counts cases, instructions per class, how cases ended and traps
 * per vector. Every count is a function of the seed alone, so the
 * summary can be pinned down by a test.
 */
#include <stdio.h>
#include <x86/exception.h>
#include "hv.h"
#include "fuzz.h"

#define NUM_ENDS            (END_MISMATCH + 1)

unsigned mismatches;

static unsigned per_class[NUM_CLASSES], per_ring[4], per_end[NUM_ENDS];
static unsigned per_vector[NUM_EXCEPTIONS], high_vectors, landings;

static const char *const end_names[NUM_ENDS] = {
	[END_LANDED] = "landed", [END_PAD] = "at a pad", [END_STRAY] = "strayed",
	[END_ELSEWHERE] = "stopped", [END_BUDGET] = "cut", [END_MISMATCH] = "differed",
};

static const char *const vector_names[NUM_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "9",
	"#TS", "#NP", "#SS", "#GP", "#PF", "15", "#MF", "#AC", "#MC", "#XM",
	"20", "#CP", "22", "23", "24", "25", "26", "27", "28", "#VC", "#SX",
	"31",
};

void report_event(bool actual, unsigned i, const struct event *e)
{
	printf("  %s %u: vector 0x%x", actual ? "trap" : "expect", i, e->vector);
	if (e->has_error)
		printf(" error 0x%x", (unsigned)e->error);
	printf(" at %04x:%08x eflags %08x", e->cs, (unsigned)e->eip,
	       (unsigned)(e->eflags & EFLAGS_CHECKED));
	if (e->outer)
		printf(" from %04x:%08x", e->ss, (unsigned)e->esp);
	printf(" ds %04x es %04x fs %04x gs %04x", e->ds, e->es, e->fs, e->gs);
	if (e->cr2_valid)
		printf(" cr2 %08x", (unsigned)e->cr2);
	/* A trap's eax the model does not know goes in braces: it may vary. */
	if (e->eax_known)
		printf(" eax %08x", (unsigned)e->eax);
	else if (actual)
		printf(" eax {%08x}", (unsigned)e->eax);
	printf("\n");
}

void report_case(const struct fcase *c)
{
	unsigned i, j;

	printf("case %u: seed %u, ring %u, eflags %08x\n", c->number,
	       (unsigned)cfg.seed, c->ring, (unsigned)c->eflags0);
	for (i = 0; i < c->ninsns; i++) {
		const struct insn *in = &c->insns[i];

		printf("  %08x %-6s %s:", (unsigned)in->at, class_names[in->cls],
		       in->text);
		for (j = 0; j < in->len; j++)
			printf("%s %02x", j && j % 24 == 0 ? "\n          " : "",
			       c->code[in->at - FUZZ_SEQ + j]);
		printf("\n");
	}
	/* The console takes lines of up to 160 characters. */
	for (i = 0; i < c->code_len; i++)
		printf("%s %02x", i % 32 ? "" : i ? "\n        " : "  bytes:",
		       c->code[i]);
	printf("\n");
	for (i = 0; i < c->nwant; i++)
		report_event(false, i, &c->want[i]);
	if (c->open_end)
		printf("  then anything (random bytes, or the model stopped)\n");
}

/* The traps themselves: trap.c prints them as they come when verbose. */
void report_outcome(const struct fcase *c, const struct outcome *o)
{
	unsigned i;

	for (i = 0; !cfg.verbose && i < o->events && i < MAX_EVENTS; i++)
		report_event(true, i, &o->got[i]);
	printf("  case %u %s", c->number, end_names[o->end]);
	if (o->mismatch)
		printf(" at trap %u: %s", o->mismatch_at, o->why);
	printf("\n");
}

void report_account(const struct fcase *c, const struct outcome *o)
{
	unsigned i;

	per_ring[c->ring]++;
	per_end[o->end]++;
	for (i = 0; i < c->ninsns; i++)
		per_class[c->insns[i].cls]++;
	for (i = 0; i < o->events && i < MAX_EVENTS; i++) {
		unsigned v = o->got[i].vector;

		if (v == LAND_VECTOR)
			landings++;
		else if (v < NUM_EXCEPTIONS)
			per_vector[v]++;
		else
			high_vectors++;
	}
	if (o->mismatch) {
		mismatches++;
		if (!cfg.verbose) {
			printf("MISMATCH: seed %u case %u (replay: case=%u)\n",
			       (unsigned)cfg.seed, c->number, c->number);
			report_case(c);
		}
	}
	if (o->mismatch || cfg.verbose)
		report_outcome(c, o);
}

void report_summary(unsigned cases)
{
	unsigned i, n = 0;

	printf("cases: %u in ring 1, %u in ring 3\n", per_ring[1], per_ring[3]);
	printf("instructions:");
	for (i = 0; i < NUM_CLASSES; i++)
		printf(" %s %u", class_names[i], per_class[i]);
	printf("\nends:");
	for (i = 0; i < NUM_ENDS; i++)
		printf(" %s %u", end_names[i], per_end[i]);
	printf("\ntraps:");
	for (i = 0; i < NUM_EXCEPTIONS; i++) {
		if (!per_vector[i])
			continue;
		printf("%s %s:%u", n++ % 10 == 9 ? "\n  " : "", vector_names[i],
		       per_vector[i]);
	}
	printf("\n  int 32-255:%u landing (0x%x):%u\n", high_vectors,
	       LAND_VECTOR, landings);
	printf("survived %u cases, %u differed from the model\n", cases,
	       mismatches);
}
