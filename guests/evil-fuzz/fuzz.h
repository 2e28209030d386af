/*
 * evil-fuzz: what its parts share. main.c says how the phases fit
 * together; model.c keeps what the guest knows of its own state in the
 * hypervisor (its GDT) and draws calls the ABI must accept, fatal.c calls
 * it must kill for, ring.c fills the async ring with random contents and
 * checks what came back, chaos.c makes calls nobody predicts.
 */
#ifndef EVIL_FUZZ_H
#define EVIL_FUZZ_H

#include <stdint.h>
#include <x86/desc.h>
#include "hv.h"

/*
 * Where the hypervisor's reserve starts on a 2-level host; on a PAE host
 * it starts higher (docs/abi.md). Arguments a seed draws stay below it, or
 * well above both, so that a seed makes the same calls, with the same
 * outcome, on either host.
 */
#define RESERVE_LOW         0xFFC00000u
#define RESERVE_HIGH        0xFFE00000u     /* in the reserve on both hosts */

#define REASON_MAX          160

/* The guest kernel's code and data segments: in use all along. */
#define GDT_KERNEL_CODE     SEL_INDEX(HV_SEL_KERNEL_CODE)
#define GDT_KERNEL_DATA     SEL_INDEX(HV_SEL_KERNEL_DATA)

/* One hypercall and what the ABI says it returns. */
struct call {
	uint32_t nr;
	uint32_t arg[4];            /* edx, ebx, ecx, esi */
	uint32_t expect;
	int any_result;             /* unpredictable (the clock) */
};

/* The xorshift generator every random choice comes from (main.c). */
uint32_t rnd(void);

static inline uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static inline int chance(unsigned percent)
{
	return below(100) < percent;
}

/* What the guest was started with and what it has done (main.c). */
struct fuzz {
	uint32_t mem;               /* hv_boot->mem_bytes */
	int pae;                    /* registered PAE page tables */
	int paging;                 /* runs on page tables of its own */
	int final;                  /* the last phase: no timer is set */
	int text;                   /* console writes left a line unended */
	uint32_t console;           /* one in this many console calls is long */
	uint32_t calls;             /* hypercalls the hypervisor ran */
	uint32_t sync, ring, rounds, wrong;
};
extern struct fuzz fuzz;

/* printf, safe whatever the fuzzing did to the FPU's TS flag. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Counts a result that is not the one the ABI promises, and says so. */
void wrong_result(const struct call *c, uint32_t got, const char *where);

/* Makes c synchronously, checks and counts it. */
void sync_call(const struct call *c);

/* model.c: the calls the hypervisor must accept. */
/* Whether the guest may set GDT entry i (not 0-2, the TSS's 7 and 8). */
int gdt_settable(unsigned i);
void model_init(void);
void valid_call(struct call *c);
/* Nothing is queued: the memory the last calls read may be reused. */
void model_ring_empty(void);
/* A present code or data descriptor the hypervisor must accept. */
void random_descriptor(struct desc *d);
/* What a settable GDT entry may hold: flat for 12 and 13, else anything. */
struct desc model_valid_entry(unsigned index);
/* Whether the model says entry index is a ring-1 code segment (with
 * *limit an offset valid on either host), or a ring-1 stack segment; the
 * second is the hypervisor's test exactly, as is model_ring1_code() (with
 * *max the highest offset either host may allow). */
int model_code_segment(unsigned index, uint32_t *limit);
int model_stack_segment(unsigned index);
int model_ring1_code(unsigned index, uint32_t *max);
/* A random index model_code_segment() accepts. */
unsigned pick_ring1_code(void);
/* A byte-granular 32-bit descriptor, base and limit given. */
struct desc byte_segment(uint32_t base, uint32_t limit, uint32_t type,
			 unsigned dpl);

/* paging.c: identity-mapped page tables for NEW_PGTABLE. */
void paging_init(void);
uint32_t paging_root(void);

/* fatal.c: one call the ABI says kills, and the kill line's reason. */
void fatal_call(struct call *c, char *reason, int in_ring);
/* HALT is the one fatal call after which the ring runs on. */
int fatal_is_halt(const struct call *c);

/* ring.c: the async ring with random contents, checked against the ABI. */
void ring_init(void);
/* One round of at most budget (>= 1) calls, the synchronous one included. */
void ring_round(uint32_t budget);
/* Ends the guest with a fatal call from the ring, after `valid` calls. */
__attribute__((noreturn)) void ring_fatal(unsigned valid);
/* For chaos: every slot free, then calls queued one by one. */
void ring_clear(void);
void ring_queue(const struct call *c);

/* chaos.c: random calls until one kills the guest. */
__attribute__((noreturn)) void chaos(unsigned calls);

#endif
