/* Decoding a guest's port I/O instructions: every form and each refusal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/io_decode.h>
#include "check.h"

struct io_case {
	const char *what;
	uint8_t code[4];
	unsigned len;           /* bytes of code[] offered to the decoder */
	unsigned length, size;  /* expected */
	bool in, port_in_dx;
	uint8_t port_imm;
};

static const struct io_case good[] = {
	{ "in al,imm8",   { 0xE4, 0x60 },       2, 2, 1, true,  false, 0x60 },
	{ "in eax,imm8",  { 0xE5, 0x71 },       2, 2, 4, true,  false, 0x71 },
	{ "in ax,imm8",   { 0x66, 0xE5, 0x40 }, 3, 3, 2, true,  false, 0x40 },
	{ "out imm8,al",  { 0xE6, 0x80 },       2, 2, 1, false, false, 0x80 },
	{ "out imm8,eax", { 0xE7, 0xFF },       2, 2, 4, false, false, 0xFF },
	{ "out imm8,ax",  { 0x66, 0xE7, 0x00 }, 3, 3, 2, false, false, 0x00 },
	{ "in al,dx",     { 0xEC },             1, 1, 1, true,  true,  0 },
	{ "in ax,dx",     { 0x66, 0xED },       2, 2, 2, true,  true,  0 },
	{ "in eax,dx",    { 0xED },             1, 1, 4, true,  true,  0 },
	{ "out dx,al",    { 0xEE },             1, 1, 1, false, true,  0 },
	{ "out dx,eax",   { 0xEF },             1, 1, 4, false, true,  0 },
	{ "out dx,ax",    { 0x66, 0xEF },       2, 2, 2, false, true,  0 },
	/* Bytes after the instruction are not part of it. */
	{ "in al,imm8 +", { 0xE4, 0x21, 0x90, 0x90 }, 4, 2, 1, true, false,
	  0x21 },
	{ "out dx,al +",  { 0xEE, 0xE4, 0x60 }, 3, 1, 1, false, true,  0 },
};

static void test_forms(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		const struct io_case *c = &good[i];
		struct io_insn insn;

		memset(&insn, 0xA5, sizeof(insn));
		check_current = c->what;
		CHECK(io_decode(c->code, c->len, true, &insn));
		CHECK_EQ(insn.length, c->length);
		CHECK_EQ(insn.size, c->size);
		CHECK_EQ(insn.in, c->in);
		CHECK_EQ(insn.port_in_dx, c->port_in_dx);
		CHECK_EQ(insn.port_imm, c->port_imm);
	}
}

struct io_bad {
	const char *what;
	uint8_t code[4];
	unsigned len;
};

static const struct io_bad bad[] = {
	{ "nop",                { 0x90 },             1 },
	{ "hlt",                { 0xF4 },             1 },
	{ "cli",                { 0xFA },             1 },
	{ "insb",               { 0x6C },             1 },
	{ "outsb",              { 0x6E },             1 },
	{ "jmp rel8 (E8 & ~1)", { 0xEB, 0x00 },       2 },
	{ "call rel32",         { 0xE8, 0, 0, 0 },    4 },
	{ "E2 loop",            { 0xE2, 0x00 },       2 },
	{ "0F prefix",          { 0x0F, 0xE4, 0x60 }, 3 },
	{ "rep prefix",         { 0xF3, 0xEC },       2 },
	{ "empty",              { 0xEC },             0 },
	{ "prefix only",        { 0x66, 0xED },       1 },
	{ "E4 without imm8",    { 0xE4, 0x60 },       1 },
	{ "E7 without imm8",    { 0xE7, 0x60 },       1 },
	{ "66 E5 without imm8", { 0x66, 0xE5, 0x60 }, 2 },
	{ "double prefix",      { 0x66, 0x66, 0xED }, 3 },
	{ "double prefix imm",  { 0x66, 0x66, 0xE5, 0x60 }, 4 },
};

static void test_refusals(void)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct io_insn insn;

		check_current = bad[i].what;
		CHECK(!io_decode(bad[i].code, bad[i].len, true, &insn));
		CHECK(!io_decode(bad[i].code, bad[i].len, false, &insn));
	}
}

/* The decoder never reads past len: an exact-size heap copy under ASan. */
static void test_reads_within_len(void)
{
	static const uint8_t forms[][3] = {
		{ 0xE4, 0x60 }, { 0x66, 0xE5, 0x40 }, { 0xEC }, { 0x66, 0xED },
	};
	static const unsigned lens[] = { 2, 3, 1, 2 };
	unsigned i, n;

	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		for (n = 0; n <= lens[i]; n++) {
			uint8_t *code = malloc(n ? n : 1);
			struct io_insn insn;

			memcpy(code, forms[i], n);
			CHECK_EQ(io_decode(code, n, true, &insn), n == lens[i]);
			free(code);
		}
	}
}

/* In a 16-bit code segment the sizes swap: 0x66 means 32 bits. */
static void test_16bit_segment(void)
{
	static const struct {
		uint8_t code[3];
		unsigned len, size;
	} cases[] = {
		{ { 0xED }, 1, 2 },             /* in ax,dx */
		{ { 0x66, 0xED }, 2, 4 },       /* in eax,dx */
		{ { 0xEC }, 1, 1 },             /* in al,dx: no change */
		{ { 0xE7, 0x80 }, 2, 2 },       /* out imm8,ax */
		{ { 0x66, 0xE7, 0x80 }, 3, 4 }, /* out imm8,eax */
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct io_insn insn;

		CHECK(io_decode(cases[i].code, cases[i].len, false, &insn));
		CHECK_EQ(insn.size, cases[i].size);
		CHECK_EQ(insn.length, cases[i].len);
	}
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_forms),
		TEST_ENTRY(test_refusals),
		TEST_ENTRY(test_16bit_segment),
		TEST_ENTRY(test_reads_within_len),
	};
	return check_main("io_decode", tests, ARRAY_SIZE(tests));
}
