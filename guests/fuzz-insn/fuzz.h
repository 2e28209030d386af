/*
 * fuzz-insn: random instruction sequences from ring 1 and ring 3, seeded
 * and replayable, each trap checked against a model of bare metal. The
 * pieces:
 *
 *   gen.c      builds a case: a few instructions drawn from the classes
 *              (classes.c: int n, privileged; seg.c: segment loads;
 *              transfer.c: far jumps, calls and returns; flags.c: popf
 *              and random bytes), written through ops.c, which records
 *              what model.c predicts for each; pick.c draws operands;
 *   model.c    that bare-metal CPU: protected-mode rules for segment
 *              loads, far transfers, iret, software interrupts, over the
 *              GDT of segs.c and the IDT of gates.c;
 *   entry.S    enters a case (iret into ring 1 or ring 3), one trap stub
 *              per vector, and the way back to the kernel's context;
 *   trap.c     every trap: compares it with what the model expects, then
 *              resumes the case after the instruction or ends it;
 *   main.c     arguments, the loop over cases; report.c what is printed.
 *
 * Everything a case touches lives at fixed addresses (below), so that a
 * case behaves the same whatever the build, and case K of seed N can be
 * replayed on its own from a fresh state.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/cr.h>

/* Fixed guest memory (16 MiB guests; the image sits at 1 MiB). */
#define FUZZ_CODE           0x00C00000u     /* the case's code page */
#define FUZZ_SEQ            (FUZZ_CODE + 0x400) /* where the sequence starts */
#define FUZZ_PADS           0x00C01000u     /* landing pads: int $LAND */
#define FUZZ_DATA           0x00C02000u     /* memory operands */
#define SCRATCH_START       0x00CC0000u     /* stacks and data of the case */
#define SCRATCH_END         0x00D00000u
/*
 * Low memory a case may write too: a 16-bit stack's SP lands here, and so
 * does a random instruction's small negative offset through the random
 * bytes' data segment (based at RANDOM_BASE). Below it: the boot info.
 */
#define LOW_START           0x00008000u
#define LOW_END             0x00020000u
#define RANDOM_BASE         LOW_END
#define RANDOM_DATA_SEL     ((25 << 3) | 3)     /* segs.c GI_RANDOM_DATA */
/*
 * Every general register, and the stack pointer, starts as this pointer
 * into the scratch area, which is filled with the same value (bytes CD CD
 * CD 00 repeating, so that the dword at this odd address reads back as
 * itself). Whatever a case loads from its registers or its memory is then
 * again a usable stack or data pointer; run as code it is "int $0xcd".
 */
#define SCRATCH_WORD        0x00CDCDCDu
#define SCRATCH_BYTE        0xCDu
#define FUZZ_PAGE           4096u

/* The landing vector: a DPL-3 trap gate, so both rings reach it directly. */
#define LAND_VECTOR         0x80
#define LAND_INSN_LEN       2               /* CD 80 */

#define MAX_INSNS           5               /* instructions in a case */
#define MAX_EVENTS          32              /* expected traps in a case */
#define MAX_CODE            160             /* bytes of one case */
#define MAX_RANDOM_BYTES    12
#define EVENT_BUDGET        40              /* traps before a case is cut */

/* Segment registers in the CPU's own order (the ModRM sreg field). */
enum sreg { SR_ES, SR_CS, SR_SS, SR_DS, SR_FS, SR_GS, NUM_SREGS };

/* The instruction classes. */
enum iclass {
	IC_INT,         /* int n, int3, into */
	IC_PRIV,        /* privileged and sensitive instructions */
	IC_SEG,         /* mov/pop to a segment register, lds and friends */
	IC_FAR,         /* ljmp, lcall (direct and through memory) */
	IC_RET,         /* iret and lret with random frames */
	IC_FLAGS,       /* push + popf with random bits */
	IC_RANDOM,      /* random bytes, single-stepped */
	NUM_CLASSES
};

extern const char *const class_names[NUM_CLASSES];

/* Type bits x86/desc.h has no name for. */
#define SEG_TYPE_CONFORMING 0x4u            /* code segments */

/* EFLAGS bits the fuzzer compares (RF left out: emulators differ on it). */
#define EFLAGS_CHECKED      (EFLAGS_STATUS | EFLAGS_TF | EFLAGS_IF |      \
			     EFLAGS_DF | EFLAGS_IOPL_MASK | EFLAGS_NT |   \
			     EFLAGS_AC | EFLAGS_VM | EFLAGS_ID |          \
			     EFLAGS_VIF | EFLAGS_VIP)
#define EFLAGS_RESERVED_BITS 0xFFC08028u   /* 3, 5, 15, 22-31: always 0 */
#define EFLAGS_VIF          (1u << 19)
#define EFLAGS_VIP          (1u << 20)

/* The model's view of one GDT entry. */
struct seg_desc {
	bool segment;           /* a code or data segment (else empty/system) */
	unsigned type;          /* SEG_TYPE_* bits of x86/desc.h */
	unsigned dpl;
	uint32_t base, limit;   /* limit in bytes */
	bool big;               /* D/B: 32-bit code, 32-bit stack */
};

/* The model CPU between two instructions. */
struct mstate {
	unsigned cpl;
	uint16_t sreg[NUM_SREGS];
	uint32_t eflags;
	uint32_t esp;
	uint32_t eax;
	bool eax_known;
};

/* What ends an expected event: go on, or the case is over. */
enum resume { RESUME_AT, RESUME_END };

/* One trap the model expects (or, in actual, one that came). */
struct event {
	unsigned vector;
	bool has_error;
	uint32_t error, error_ignore;
	uint32_t eip;           /* the frame's eip (an offset in cs) */
	uint16_t cs;
	uint32_t eflags;        /* compared under EFLAGS_CHECKED */
	bool outer;             /* from ring 2 or 3: ss:esp in the frame */
	uint16_t ss;
	uint32_t esp;
	uint16_t ds, es, fs, gs;
	bool cr2_valid;
	uint32_t cr2;
	bool eax_known;
	uint32_t eax;
	enum resume resume;
	uint32_t resume_eip;    /* for RESUME_AT */
};

/* One instruction of a case, for printing. */
struct insn {
	enum iclass cls;
	char text[64];
	uint32_t at;            /* linear address */
	unsigned len;
};

/* A whole case. */
struct fcase {
	unsigned number;
	unsigned ring;          /* 1 or 3, where it starts */
	uint32_t eflags0;       /* its EFLAGS at the start */
	uint8_t code[MAX_CODE];
	unsigned code_len;
	uint8_t data[64];       /* copied to FUZZ_DATA */
	struct insn insns[MAX_INSNS + 2];
	unsigned ninsns;
	struct event want[MAX_EVENTS];
	unsigned nwant;
	bool open_end;          /* the model stopped: no more predictions */
};

/* What a case did (trap.c fills it in). */
struct outcome {
	unsigned events;
	struct event got[MAX_EVENTS];
	bool mismatch;
	unsigned mismatch_at;   /* index of the event that differed */
	const char *why;        /* what differed */
	enum {
		END_LANDED,     /* at the sequence's landing instruction */
		END_PAD,        /* at a landing pad */
		END_STRAY,      /* at a landing instruction elsewhere on the page */
		END_ELSEWHERE,  /* a fault, or a trap outside the sequence */
		END_BUDGET,     /* EVENT_BUDGET traps and still going */
		END_MISMATCH,   /* a trap other than the model's */
	} end;
};

/* The fuzzer's settings (main.c). */
struct fuzz_config {
	uint32_t seed;
	unsigned first, count;
	bool verbose;
	bool trace;
	bool ring1_random;      /* random bytes in ring 1 too (may be killed) */
	bool vm86;              /* VM in iret frames (QEMU enters vm86: killed) */
	bool stack16;           /* from a 16-bit stack to a 32-bit one by mov */
};

extern struct fuzz_config cfg;

/* rng.c: xorshift32, one stream per case. */
struct rng {
	uint32_t s;
};
void rng_seed(struct rng *r, uint32_t seed, uint32_t stream);
uint32_t rng_next(struct rng *r);
unsigned rng_below(struct rng *r, unsigned n);     /* 0 .. n-1 */
bool rng_chance(struct rng *r, unsigned percent);

/* segs.c: the GDT the fuzzer installs, and the model's copy of it. */
void segs_install(void);                /* once, before any case */
const struct seg_desc *segs_lookup(uint16_t sel);  /* NULL: LDT, past 31 */
uint16_t segs_pick(struct rng *r);                  /* any selector */
uint16_t segs_pick_code(struct rng *r, unsigned cpl);  /* mostly code */
uint16_t segs_pick_stack(struct rng *r, unsigned rpl); /* mostly data */
uint16_t segs_pick_outer(struct rng *r);            /* ring 2 or 3 code */
uint32_t segs_base(uint16_t sel);   /* 0 for null or out of table */
bool segs_is_16bit_code(uint16_t sel);
/* Where ss:esp points: base + ESP, or base + SP on a 16-bit stack. */
uint32_t segs_stack_linear(uint16_t ss, uint32_t esp);

/* gates.c: the IDT, from the seed. */
struct gate_info {
	bool present, trap;
	unsigned dpl;
};
void gates_install(uint32_t seed);      /* once, before any case */
const struct gate_info *gate(unsigned vector);
bool gate_direct(unsigned vector);  /* delivered by the CPU, no exit */

/* gen.c: case number of cfg.seed, from scratch (c need not be cleared). */
void gen_case(struct fcase *c, unsigned number);

/* model.c: what a bare-metal CPU does, or that it cannot tell. */
enum mres {
	M_OK,           /* the instruction completes */
	M_FAULT,        /* it raises the exception in struct fault */
	M_UNSAFE,       /* the emulators differ, or it would hurt the guest */
	M_OPEN,         /* allowed ("vm86"), but the model cannot say more */
};

struct fault {
	unsigned vector;
	bool has_error;
	uint32_t error;
	bool cr2_valid;
	uint32_t cr2;
	bool by_hv;             /* the hypervisor raises it, not the CPU */
	uint32_t error_ignore;  /* error code bits the emulators differ on */
};

/*
 * Each of these says what one instruction does in state m: M_OK (and m is
 * the state after it, where the function takes m non-const), M_FAULT (f
 * says which; m unchanged), M_UNSAFE or M_OPEN.
 */
/* mov, pop or lds-style load of sel into segment register r. */
enum mres model_load_seg(struct mstate *m, enum sreg r, uint16_t sel,
			 struct fault *f);
/* ljmp (call false) or lcall to sel:eip; lcall pushes 8 bytes. */
enum mres model_far_transfer(struct mstate *m, uint16_t sel, uint32_t eip,
			     bool call, struct fault *f);
/*
 * iret or lret (popping addend more bytes) with frame[] at esp: eip, cs,
 * [eflags,] and for an outer ring esp, ss.
 */
enum mres model_far_return(struct mstate *m, const uint32_t *frame,
			   bool iret, unsigned addend, struct fault *f);
/* int n, int3 or into (taken): M_OK means the handler for vector runs. */
enum mres model_soft_int(const struct mstate *m, unsigned vector,
			 struct fault *f);
/* An access of bytes at esp + offset (pushes: negative offsets). */
enum mres model_stack(const struct mstate *m, int offset, unsigned bytes,
		      bool write, struct fault *f);
/* Running the instruction at cs:eip (the caller knows what is there). */
enum mres model_fetch(const struct mstate *m, uint32_t eip, struct fault *f);
/* A read at linear through %ds; *offset is the offset to encode. */
enum mres model_data(const struct mstate *m, uint32_t linear, unsigned bytes,
		     uint32_t *offset, struct fault *f);
uint32_t model_popf(const struct mstate *m, uint32_t value); /* new EFLAGS */
void model_esp_add(struct mstate *m, int32_t delta);
uint32_t model_eip(const struct mstate *m, uint32_t linear); /* in cs */
/* The event a handler sees for vector (f: its error code, or NULL). */
void model_event(const struct mstate *m, unsigned vector,
		 const struct fault *f, uint32_t eip, struct event *e);

/* entry.S; the offsets of struct case_entry are written there too. */
struct case_entry {
	uint32_t eip, cs, eflags, esp, ss;
	uint32_t ds, es, fs, gs;
};
void case_enter(const struct case_entry *e);    /* returns at case_leave() */
__attribute__((noreturn)) void case_leave(void);   /* from fuzz_trap only */
extern const char fuzz_stubs[];
#define FUZZ_STUB_SIZE      16

/* trap.c: arm the handler for case c, whose traps fill in o. */
void trap_begin_case(const struct fcase *c, struct outcome *o);
/* From entry.S: the frame at ss:esp; returns the words to drop. */
uint32_t fuzz_trap(uint32_t ss, uint32_t esp);

/* report.c */
void report_case(const struct fcase *c);
/* One event: a trap that came (actual) or one the model expects. */
void report_event(bool actual, unsigned i, const struct event *e);
void report_outcome(const struct fcase *c, const struct outcome *o);
void report_account(const struct fcase *c, const struct outcome *o);
void report_summary(unsigned cases);
extern unsigned mismatches;

#endif
