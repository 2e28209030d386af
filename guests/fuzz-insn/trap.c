/*
 * Every trap of a case ends up here (entry.S calls fuzz_trap on a stack
 * of its own). The handler reads the frame where the trap left it,
 * compares it with the next event the model predicted and either resumes
 * the case where the model says, or ends it. Once the model has nothing
 * more to say (after random bytes), traps resume where they point, up to
 * a budget, and the first fault or landing ends the case.
 */
#include <stdio.h>
#include <string.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "fuzz.h"

/* What entry.S pushed, lowest address first. */
struct saved {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
	uint32_t vector;
	uint32_t w[6];      /* the CPU's: [error,] eip, cs, eflags[, esp, ss] */
};

static const struct fcase *cur;
static struct outcome *out;
static bool active, busy;

void trap_begin_case(const struct fcase *c, struct outcome *o)
{
	cur = c;
	out = o;
	memset(o, 0, sizeof(*o));
	active = true;
}

/*
 * Whether an error code lies below eip. Only vectors that have one can,
 * and a software interrupt on such a vector pushes none: then the word
 * after eip is a selector of the GDT and the next one EFLAGS-shaped,
 * which an error code frame never shows (its eips are all above 0xff).
 */
static bool has_error_code(const struct saved *s)
{
	uint32_t cs = s->w[1], fl = s->w[2];

	if (s->vector >= NUM_EXCEPTIONS || !VEC_HAS_ERROR_CODE(s->vector))
		return false;
	return !(cs < HV_GDT_ENTRIES * 8 && (fl & EFLAGS_RESERVED) &&
		 !(fl & EFLAGS_RESERVED_BITS));
}

static void parse(const struct saved *s, struct event *e)
{
	bool err = has_error_code(s);
	const uint32_t *f = s->w + err;

	*e = (struct event){
		.vector = s->vector, .has_error = err, .error = err ? s->w[0] : 0,
		.eip = f[0], .cs = (uint16_t)f[1], .eflags = f[2],
		.ds = (uint16_t)s->ds, .es = (uint16_t)s->es,
		.fs = (uint16_t)s->fs, .gs = (uint16_t)s->gs,
		.eax = s->eax,
	};
	e->outer = (e->cs & SEL_RPL_MASK) != 1;
	if (e->outer) {
		e->esp = f[3];
		e->ss = (uint16_t)f[4];
	}
	if (e->vector == VEC_PAGE_FAULT) {
		e->cr2_valid = true;
		e->cr2 = hv_self()->cr2;
	}
}

/*
 * Two data selectors are the same one, or both null: every exit returns
 * to the guest through an iret from ring 0, which (as on bare metal) may
 * load a null selector in place of a null one with another RPL.
 */
static bool same_data_sel(uint16_t a, uint16_t b)
{
	return a == b || ((a & ~SEL_RPL_MASK) == 0 && (b & ~SEL_RPL_MASK) == 0);
}

/* The first thing in which the trap that came differs from the model's. */
static const char *differs(const struct event *w, const struct event *g)
{
	/* Whether an instruction fetch shows in a #PF depends on NX. */
	uint32_t ignore = w->error_ignore |
			  (w->vector == VEC_PAGE_FAULT ? PFEC_FETCH : 0);

	if (g->vector != w->vector)
		return "vector";
	if (g->has_error != w->has_error)
		return "error code (pushed or not)";
	if (w->has_error && ((g->error ^ w->error) & ~ignore))
		return "error code";
	if (g->eip != w->eip)
		return "eip";
	if (g->cs != w->cs)
		return "cs";
	if ((g->eflags ^ w->eflags) & EFLAGS_CHECKED)
		return "eflags";
	if (g->outer != w->outer)
		return "frame (ring it came from)";
	if (w->outer && (g->ss != w->ss || g->esp != w->esp))
		return "ss:esp";
	if (!same_data_sel(g->ds, w->ds) || !same_data_sel(g->es, w->es) ||
	    !same_data_sel(g->fs, w->fs) || !same_data_sel(g->gs, w->gs))
		return "data segments";
	if (w->cr2_valid && g->cr2 != w->cr2)
		return "cr2";
	if (w->eax_known && g->eax != w->eax)
		return "eax";
	return NULL;
}

/* A trap returns past its instruction; a fault would run it again. */
static bool is_trap(const struct event *e)
{
	return e->vector == VEC_DEBUG || e->vector == VEC_BREAKPOINT ||
	       e->vector == VEC_OVERFLOW || e->vector >= NUM_EXCEPTIONS ||
	       (VEC_HAS_ERROR_CODE(e->vector) && !e->has_error);
}

/* Which landing "int $LAND_VECTOR" this was, or -1 for none. */
static int landing(const struct event *e)
{
	uint32_t at = segs_base(e->cs) + e->eip - LAND_INSN_LEN;

	if (e->vector != LAND_VECTOR || e->has_error)
		return -1;
	if (at == FUZZ_SEQ + cur->code_len - LAND_INSN_LEN)
		return END_LANDED;
	if (at >= FUZZ_PADS && at < FUZZ_PADS + FUZZ_PAGE)
		return END_PAD;
	if (at >= FUZZ_CODE && at < FUZZ_CODE + FUZZ_PAGE)
		return END_STRAY;
	return -1;
}

static __attribute__((noreturn)) void end(int how)
{
	out->end = how;
	busy = false;
	active = false;
	case_leave();
}

static uint32_t resume(struct saved *s, const struct event *e, uint32_t eip)
{
	s->w[e->has_error] = eip;
	busy = false;
	return 1 + e->has_error;        /* the words to drop: vector, error */
}

static __attribute__((noreturn)) void not_in_a_case(const struct saved *s)
{
	static char msg[96];

	snprintf(msg, sizeof(msg), "trap %u (word 0x%08x, 0x%08x) outside a "
		 "case or inside the handler", (unsigned)s->vector,
		 (unsigned)s->w[0], (unsigned)s->w[1]);
	hv_crash(msg);
}

static __attribute__((noreturn)) void mismatch(unsigned k, const char *why)
{
	out->mismatch = true;
	out->mismatch_at = k;
	out->why = why;
	end(END_MISMATCH);
}

static uint32_t expected(struct saved *s, const struct event *e, unsigned k)
{
	const struct event *w = &cur->want[k];
	const char *why = differs(w, e);
	int l;

	if (why)
		mismatch(k, why);
	if (w->resume == RESUME_END)
		end((l = landing(e)) >= 0 ? l : END_ELSEWHERE);
	return resume(s, e, w->resume_eip);
}

/* Returns the words entry.S drops before its iret; a case that ends does
 * not return here. */
uint32_t fuzz_trap(uint32_t ss, uint32_t esp)
{
	struct saved *s = (struct saved *)segs_stack_linear((uint16_t)ss, esp);
	struct event e;
	unsigned k;
	int l;

	if (!active || busy)
		not_in_a_case(s);
	busy = true;
	parse(s, &e);
	k = out->events++;
	/* What the model does not know may vary (WALL_CLOCK's eax). */
	e.eax_known = k < cur->nwant && cur->want[k].eax_known;
	if (k < MAX_EVENTS)
		out->got[k] = e;
	if (cfg.verbose)        /* now: should the guest be killed, it is seen */
		report_event(true, k, &e);
	if (k < cur->nwant)
		return expected(s, &e, k);
	if (!cur->open_end)
		mismatch(k, "a trap the model did not expect");
	if ((l = landing(&e)) >= 0)
		end(l);
	if (k + 1 >= EVENT_BUDGET)
		end(END_BUDGET);
	if (!is_trap(&e))
		end(END_ELSEWHERE);
	return resume(s, &e, e.eip);
}
