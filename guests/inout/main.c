/*
 * inout: the hypervisor emulates in/out (#GP with error code 0): every
 * in returns all ones in its 8, 16 or 32 bits and leaves the rest of EAX
 * alone, every out is ignored, with the port as an immediate or in DX, and
 * execution goes on right after the instruction, without a #GP reaching
 * the guest. String I/O (insb/outsb) is not emulated: it is delivered to
 * the guest's #GP handler at the instruction.
 */
#include <stdio.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"

#define EAX_IN          0x12345678u

#define DECLARE(name) \
	uint32_t io_##name(uint32_t eax); \
	extern char io_##name##_insn[]
DECLARE(inb_imm); DECLARE(inw_imm); DECLARE(inl_imm);
DECLARE(inb_dx); DECLARE(inw_dx); DECLARE(inl_dx);
DECLARE(outb_imm); DECLARE(outw_imm); DECLARE(outl_imm);
DECLARE(outb_dx); DECLARE(outw_dx); DECLARE(outl_dx);
DECLARE(outsb); DECLARE(insb);
extern volatile uint32_t io_after, io_scratch;
extern char io16_page[], io16_inw[], io16_inl[], io16_outw[];

#define CODE16_ENTRY    22u             /* a GDT entry for the 16-bit segment */
#define SEL_CODE16      SEL(CODE16_ENTRY, 1)

#define CASE(name, text, want) \
	{ text, io_##name, io_##name##_insn, want }

struct io_case {
	const char *text;
	uint32_t (*fn)(uint32_t eax);
	const char *insn;
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

/*
 * A #GP that reaches the guest resumes after the instruction (io.S has an
 * exception-table entry for each), so the case can still finish;
 * extable_last says how many came, where and with which error code.
 */
static uint32_t run(const struct io_case *c)
{
	extable_reset();
	io_after = 0;
	return c->fn(EAX_IN);
}

static void check_emulated(const struct io_case *c)
{
	uint32_t eax = run(c);

	if (extable_last.fixups)
		check(0, "%s: emulated, but #GP (error %u) reached the guest at "
		      "the instruction: %s", c->text, extable_last.error,
		      extable_last.eip == (uint32_t)c->insn ? "yes" : "no");
	else
		check(eax == c->want_eax && io_after == 1,
		      "%s: eax 0x%08x, execution went on after it", c->text,
		      eax);
}

static void check_string(const struct io_case *c)
{
	run(c);
	check(extable_last.fixups == 1 && extable_last.vector == VEC_GP &&
	      extable_last.error == 0 &&
	      extable_last.eip == (uint32_t)c->insn && io_after == 1,
	      "%s: not emulated: #GP(0) delivered at the instruction", c->text);
}

/* Far-calls fn (in io16.S) through the 16-bit segment with eax in EAX. */
static uint32_t call16(const char *fn, uint32_t eax)
{
	struct __attribute__((packed)) { uint32_t off; uint16_t sel; } target = {
		(uint32_t)(fn - io16_page), SEL_CODE16
	};

	__asm__ volatile("lcall *%1" : "+a"(eax) : "m"(target), "d"(0x60)
			 : "memory", "cc");
	return eax;
}

/* A 16-bit ring-1 code segment whose base is io16.S's page. */
static void code16_segment(void)
{
	struct desc d = desc_segment((uint32_t)io16_page, 0xFFFFFFFFu,
				     SEG_CODE_RX, 1);

	d.hi &= ~DESC_DB;
	hcall(HV_CALL_LOAD_GDT_ENTRY, CODE16_ENTRY, d.lo, d.hi, 0);
}

static void check_16bit(void)
{
	uint32_t r;

	code16_segment();
	r = call16(io16_inw, EAX_IN);
	check(r == 0x1234FFFFu && (uint32_t)io16_page != 0, "16-bit code at a "
	      "non-zero segment base: in ax,dx (ED) sets AX only: eax 0x%08x", r);
	r = call16(io16_inl, EAX_IN);
	check(r == 0xFFFFFFFFu, "16-bit code: in eax,dx (66 ED) sets all of "
	      "EAX: eax 0x%08x", r);
	r = call16(io16_outw, EAX_IN);
	check(r == EAX_IN, "16-bit code: out dx,ax is ignored: eax 0x%08x", r);
}

int main(void)
{
	unsigned i;

	trap_install(VEC_GP, extable_trap, 1, 0);
	printf("eax is 0x%08x before each instruction\n", EAX_IN);
	for (i = 0; i < sizeof(emulated) / sizeof(emulated[0]); i++)
		check_emulated(&emulated[i]);
	for (i = 0; i < sizeof(string_io) / sizeof(string_io[0]); i++)
		check_string(&string_io[i]);
	check(io_scratch == 0x78787878u, "insb wrote nothing to memory");
	check_16bit();
	return check_summary();
}
