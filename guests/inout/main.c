/*
 * inout: the hypervisor emulates in/out (#GP with error code 0): every
 * in returns all ones in its 8, 16 or 32 bits and leaves the rest of EAX
 * alone, every out is ignored, with the port as an immediate or in DX, and
 * execution goes on right after the instruction, without a #GP reaching
 * the guest. String I/O (insb/outsb) is not emulated: it is delivered to
 * the guest's #GP handler at the instruction.
 */
#include <stdio.h>
#include "hv.h"

#define EAX_IN          0x12345678u

#define DECLARE(name) \
	uint32_t io_##name(uint32_t eax); \
	extern char io_##name##_insn[], io_##name##_next[]
DECLARE(inb_imm); DECLARE(inw_imm); DECLARE(inl_imm);
DECLARE(inb_dx); DECLARE(inw_dx); DECLARE(inl_dx);
DECLARE(outb_imm); DECLARE(outw_imm); DECLARE(outl_imm);
DECLARE(outb_dx); DECLARE(outw_dx); DECLARE(outl_dx);
DECLARE(outsb); DECLARE(insb);
extern volatile uint32_t io_after, io_scratch;

#define CASE(name, text, want) \
	{ text, io_##name, io_##name##_insn, io_##name##_next, want }

struct io_case {
	const char *text;
	uint32_t (*fn)(uint32_t eax);
	const char *insn, *next;
	uint32_t want_eax;
};

static const struct io_case emulated[] = {
	CASE(inb_imm, "inb $0x60, %al", 0x123456FFu),
	CASE(inw_imm, "inw $0x60, %ax", 0x1234FFFFu),
	CASE(inl_imm, "inl $0x60, %eax", 0xFFFFFFFFu),
	CASE(inb_dx, "inb %dx, %al", 0x123456FFu),
	CASE(inw_dx, "inw %dx, %ax", 0x1234FFFFu),
	CASE(inl_dx, "inl %dx, %eax", 0xFFFFFFFFu),
	CASE(outb_imm, "outb %al, $0x60", EAX_IN),
	CASE(outw_imm, "outw %ax, $0x60", EAX_IN),
	CASE(outl_imm, "outl %eax, $0x60", EAX_IN),
	CASE(outb_dx, "outb %al, %dx", EAX_IN),
	CASE(outw_dx, "outw %ax, %dx", EAX_IN),
	CASE(outl_dx, "outl %eax, %dx", EAX_IN),
};

static const struct io_case string_io[] = {
	CASE(outsb, "outsb", EAX_IN),
	CASE(insb, "insb", EAX_IN),
};

/* The #GPs that reached the guest, and the case being run. */
static unsigned gps;
static uint32_t gp_eip, gp_error;
static const struct io_case *running;

static void gp_handler(struct trap_regs *regs)
{
	gps++;
	gp_eip = regs->eip;
	gp_error = regs->error;
	/* Skip the instruction, so the case can still finish. */
	if (running && regs->eip == (uint32_t)running->insn)
		regs->eip = (uint32_t)running->next;
}

static uint32_t run(const struct io_case *c)
{
	uint32_t eax;

	gps = 0;
	io_after = 0;
	running = c;
	eax = c->fn(EAX_IN);
	running = NULL;
	return eax;
}

static void check_emulated(const struct io_case *c)
{
	uint32_t eax = run(c);

	if (gps)
		check(0, "%s: emulated, but #GP (error %u) reached the guest at "
		      "the instruction: %s", c->text, gp_error,
		      gp_eip == (uint32_t)c->insn ? "yes" : "no");
	else
		check(eax == c->want_eax && io_after == 1,
		      "%s: eax 0x%08x, execution went on after it", c->text,
		      eax);
}

static void check_string(const struct io_case *c)
{
	run(c);
	check(gps == 1 && gp_error == 0 && gp_eip == (uint32_t)c->insn &&
	      io_after == 1,
	      "%s: not emulated: #GP(0) delivered at the instruction", c->text);
}

int main(void)
{
	unsigned i;

	trap_install(13, gp_handler, 1, 0);
	printf("eax is 0x%08x before each instruction\n", EAX_IN);
	for (i = 0; i < sizeof(emulated) / sizeof(emulated[0]); i++)
		check_emulated(&emulated[i]);
	for (i = 0; i < sizeof(string_io) / sizeof(string_io[0]); i++)
		check_string(&string_io[i]);
	check(io_scratch == 0x78787878u, "insb wrote nothing to memory");
	return check_summary();
}
