/*
 * The generator's ops: each writes one or a few instructions of a case and
 * records, for each, the trap the model predicts (the case's "want" list):
 * a fault (the handler resumes after the instruction), a software
 * interrupt that reached its handler, a single-step trap, or the landing
 * that ends the case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "gen.h"

#define OP_MOV_EAX_IMM      0xB8
#define OP_PUSH_IMM         0x68

bool fail(struct gen *g)
{
	g->failed = true;
	return false;
}

struct event *op_want(struct gen *g)
{
	struct fcase *c = g->c;

	if (c->nwant == MAX_EVENTS) {
		c->open_end = true;         /* no room to say more */
		return NULL;
	}
	return &c->want[c->nwant++];
}

bool op_bytes(struct gen *g, const uint8_t *b, unsigned n, uint32_t *start)
{
	struct fcase *c = g->c;

	if (c->code_len + n + LAND_INSN_LEN > MAX_CODE) {
		g->failed = true;
		return false;
	}
	memcpy(c->code + c->code_len, b, n);
	c->code_len += n;
	*start = g->at;
	g->at += n;
	return true;
}

void op_text(struct gen *g, enum iclass cls, const char *fmt, ...)
{
	struct insn *in = &g->c->insns[g->c->ninsns];
	va_list ap;

	in->cls = cls;
	va_start(ap, fmt);
	vsnprintf(in->text, sizeof(in->text), fmt, ap);
	va_end(ap);
}

/*
 * An instruction completed; execution goes on after it. With TF set when
 * it began (not when it set TF itself), a single-step trap follows, except
 * after a software interrupt, which clears TF on its way in.
 */
void op_done(struct gen *g, const struct mstate *before, enum step step)
{
	uint32_t eip = model_eip(&g->m, g->at);
	struct fault f = { .vector = VEC_DEBUG, .by_hv = step == STEP_BY_HV };
	struct event *e;

	if (!(before->eflags & EFLAGS_TF) || step == STEP_NONE || !(e = op_want(g)))
		return;
	model_event(&g->m, VEC_DEBUG, &f, eip, e);
	e->resume = RESUME_AT;
	e->resume_eip = eip;
}

/* As op_done, for a transfer that went on at eip (another cs, perhaps). */
void op_transfer_done(struct gen *g, const struct mstate *before,
		      uint32_t eip)
{
	struct event *e;

	if (!(before->eflags & EFLAGS_TF) || !(e = op_want(g)))
		return;
	model_event(&g->m, VEC_DEBUG, NULL, eip, e);
	e->resume = RESUME_AT;
	e->resume_eip = eip;
}

/* The instruction at start faulted: the handler resumes after it. */
void op_faulted(struct gen *g, const struct fault *f, uint32_t start)
{
	struct event *e = op_want(g);

	if (!e)
		return;
	model_event(&g->m, f->vector, f, model_eip(&g->m, start), e);
	e->resume = RESUME_AT;
	e->resume_eip = model_eip(&g->m, g->at);
}

/* A software interrupt reached its handler: it returns past the int. */
void op_trap(struct gen *g, unsigned vector)
{
	struct event *e = op_want(g);

	if (!e)
		return;
	model_event(&g->m, vector, NULL, model_eip(&g->m, g->at), e);
	e->resume = RESUME_AT;
	e->resume_eip = e->eip;
}

bool op_mov_eax(struct gen *g, uint32_t value)
{
	uint8_t b[5] = { OP_MOV_EAX_IMM };
	struct mstate before = g->m;
	uint32_t start;

	memcpy(b + 1, &value, 4);
	if (!op_bytes(g, b, sizeof(b), &start))
		return false;
	g->m.eax = value;
	g->m.eax_known = true;
	op_done(g, &before, STEP_CPU);
	return true;
}

bool op_push(struct gen *g, uint32_t value)
{
	uint8_t b[5] = { OP_PUSH_IMM };
	struct mstate before = g->m;
	struct fault f;
	enum mres res = model_stack(&g->m, -4, 4, true, &f);
	uint32_t start;

	memcpy(b + 1, &value, 4);
	if (res == M_UNSAFE || !op_bytes(g, b, sizeof(b), &start)) {
		g->failed = true;
		return false;
	}
	if (res == M_FAULT) {
		op_faulted(g, &f, start);
		return true;
	}
	model_esp_add(&g->m, -4);
	op_done(g, &before, STEP_CPU);
	return true;
}

/* Room in the case's data page; returns the bytes' linear address. */
uint32_t op_data(struct gen *g, const void *bytes, unsigned n)
{
	struct fcase *c = g->c;
	unsigned at = (g->data_used + 7) & ~7u;

	if (at + n > sizeof(c->data)) {
		g->failed = true;
		return FUZZ_DATA;
	}
	memcpy(c->data + at, bytes, n);
	g->data_used = at + n;
	return FUZZ_DATA + at;
}

/*
 * Control left the sequence for target: what happens there is the case's
 * last event. A pad lands at once; past memory the fetch faults; the
 * scratch word runs as "int $0xcd".
 */
bool op_leave(struct gen *g, enum target kind, uint32_t linear)
{
	uint32_t eip = model_eip(&g->m, linear);
	struct fault f;
	enum mres res = model_fetch(&g->m, eip, &f);
	struct event *e;

	if (res == M_UNSAFE) {
		g->failed = true;
		return false;
	}
	g->stopped = true;
	if (!(e = op_want(g)))
		return true;
	if (res == M_FAULT) {
		model_event(&g->m, f.vector, &f, eip, e);
	} else if (kind == T_PAD) {
		model_event(&g->m, LAND_VECTOR, NULL, eip + LAND_INSN_LEN, e);
	} else if (model_soft_int(&g->m, SCRATCH_BYTE, &f) == M_FAULT) {
		model_event(&g->m, f.vector, &f, eip, e);
	} else {
		model_event(&g->m, SCRATCH_BYTE, NULL, eip + 2, e);
	}
	return true;
}

