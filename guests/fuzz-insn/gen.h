/*
 * The generator's inner interface, shared by gen.c (the case), ops.c (its
 * bytes and the events the model expects), pick.c (random operands) and
 * the class generators (classes.c, seg.c, transfer.c, flags.c). An "op"
 * emits one or a few real instructions and records what each does; it
 * returns false, emitting nothing the case keeps, when the model calls
 * the choice unsafe: the class generator then tries another.
 */
#ifndef FUZZ_GEN_H
#define FUZZ_GEN_H

#include "fuzz.h"

struct gen {
	struct fcase *c;
	struct rng *r;
	struct mstate m;
	uint32_t at;            /* linear address of the next byte */
	bool stopped;           /* control has left the sequence */
	unsigned data_used;     /* bytes of c->data handed out */
	bool failed;            /* an op found its choice unsafe */
};

/* Who raises the single-step trap after an instruction with TF set. */
enum step {
	STEP_CPU,       /* the CPU */
	STEP_NONE,      /* nobody: a software interrupt clears TF */
	STEP_BY_HV,     /* the hypervisor, which emulated the instruction */
};

/* Where a far transfer goes. */
enum target { T_NEXT, T_PAD, T_FAULT, T_SCRATCH, NUM_TARGETS };

/* ops.c: the ops. */
struct event *op_want(struct gen *g);   /* the next event, or NULL: full */
bool op_bytes(struct gen *g, const uint8_t *b, unsigned n, uint32_t *start);
void op_text(struct gen *g, enum iclass cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void op_done(struct gen *g, const struct mstate *before, enum step step);
void op_transfer_done(struct gen *g, const struct mstate *before,
		      uint32_t eip);
void op_faulted(struct gen *g, const struct fault *f, uint32_t start);
void op_trap(struct gen *g, unsigned vector);
bool op_mov_eax(struct gen *g, uint32_t value);
bool op_push(struct gen *g, uint32_t value);
uint32_t op_data(struct gen *g, const void *bytes, unsigned n);
bool op_leave(struct gen *g, enum target kind, uint32_t linear);

/* pick.c */
uint32_t pick_target(struct gen *g, uint16_t cs, enum target *kind,
		     uint32_t next);
uint32_t random_eflags(struct gen *g, bool iret);
uint32_t fault_address(struct gen *g);
uint32_t pick_esp(struct gen *g, unsigned cpl);
bool stack_usable(const struct mstate *m);
bool fail(struct gen *g);           /* marks the attempt failed: false */

/* One instruction of each class; false if none could be made. */
bool gen_int(struct gen *g);
bool gen_priv(struct gen *g);
bool gen_seg(struct gen *g);
bool gen_far(struct gen *g);
bool gen_ret(struct gen *g);
bool gen_flags(struct gen *g);
bool gen_random(struct gen *g);

#endif
