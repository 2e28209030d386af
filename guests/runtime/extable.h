/*
 * The exception table: "this instruction may fault; go on there". A guest
 * names the instruction and where to resume with ASM_EXTABLE(from, to),
 * in a .S file or inside a C asm() string, instead of counting bytes in its
 * trap handler; the handler calls extable_fixup(regs), which moves the
 * saved eip to the fixup when the faulting eip is in the table and notes
 * what happened in extable_last for the test to check.
 *
 * In C (numeric labels as in gas, b for backwards):
 *	__asm__ volatile("1: movl %1, %%fs\n2:\n" ASM_EXTABLE(1b, 2b) : ...);
 * In a .S file:
 *	insn:	movl %eax, %fs
 *	next:	...
 *		ASM_EXTABLE(insn, next)
 *
 * The entries go to the section .extable (guests/runtime/guest.ld keeps it
 * between __extable_start and __extable_end). An entry matches on the
 * saved eip alone: for a fault that is the instruction, for a trap such as
 * int3 the one after it.
 */
#ifndef GUEST_EXTABLE_H
#define GUEST_EXTABLE_H

#ifdef __ASSEMBLER__
#define ASM_EXTABLE(from, to)                                           \
	.pushsection .extable, "a";                                     \
	.balign 4;                                                      \
	.long from, to;                                                 \
	.popsection
#else
#define ASM_EXTABLE(from, to)                                           \
	".pushsection .extable, \"a\"\n\t"                              \
	".balign 4\n\t"                                                 \
	".long " #from ", " #to "\n\t"                                  \
	".popsection\n\t"

#include <stdbool.h>
#include <stdint.h>

struct trap_regs;

/* One entry: the eip that may fault and where to resume. */
struct extable_entry {
	uint32_t fault, fixup;
};

/* The last fixup extable_fixup() made, and how many it made so far. */
struct extable_fault {
	unsigned fixups;        /* counts up from extable_reset() */
	unsigned vector;        /* the exception's vector */
	uint32_t error;         /* its error code (0 when it has none) */
	uint32_t eip;           /* the faulting eip (the entry's from) */
	uint32_t cr2;           /* for a page fault: the address, else 0 */
};

extern volatile struct extable_fault extable_last;

/*
 * For a trap handler: when regs->eip is in the table, records the fault
 * in extable_last, sets regs->eip to the entry's fixup and returns true;
 * otherwise leaves everything alone and returns false.
 */
bool extable_fixup(struct trap_regs *regs);

/* A trap handler that only does the fixup: any other trap crashes. */
void extable_trap(struct trap_regs *regs);

/* The fixup expected for eip (0 when there is none). */
uint32_t extable_find(uint32_t eip);

/* Zeroes extable_last, counter included. */
void extable_reset(void);
#endif

#endif
