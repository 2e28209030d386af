/*
 * Software interrupts a guest runs on a DPL-0 stub gate: decoding the
 * instruction, recognising the #GP they raise, and what bare metal does
 * with the guest's own gate, for every vector, gate and privilege level.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <guests/abi.h>
#include <hv/softint.h>
#include <x86/exception.h>
#include "check.h"

static void test_decode_forms(void)
{
	static const struct {
		uint8_t code[6];
		unsigned len, vector, length;
	} ok[] = {
		{ { 0xCD, 0x0E }, 2, 14, 2 },
		{ { 0xCD, 0x00 }, 2, 0, 2 },
		{ { 0xCD, 0xFF }, 2, 255, 2 },
		{ { 0xCC }, 1, VEC_BREAKPOINT, 1 },
		{ { 0xCE }, 1, VEC_OVERFLOW, 1 },
		{ { 0x66, 0xCD, 0x0D }, 3, 13, 3 },
		{ { 0x2E, 0x3E, 0xF3, 0xCD, 0x80 }, 5, 0x80, 5 },
		{ { 0xCD, 0x1F, 0x90, 0x90 }, 4, 0x1F, 2 },
	};
	unsigned i, vector, length;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		vector = length = ~0u;
		CHECK(softint_decode(ok[i].code, ok[i].len, &vector, &length));
		CHECK_EQ(vector, ok[i].vector);
		CHECK_EQ(length, ok[i].length);
	}
}

static void test_decode_refusals(void)
{
	static const struct {
		uint8_t code[4];
		unsigned len;
	} bad[] = {
		{ { 0x90 }, 1 },                /* nop */
		{ { 0xCD }, 1 },                /* int without its byte */
		{ { 0x66 }, 1 },                /* only a prefix */
		{ { 0xF1 }, 1 },                /* int1 is not checked by DPL */
		{ { 0x0F, 0x0B }, 2 },          /* ud2 */
		{ { 0 }, 0 },
	};
	uint8_t prefixes[SOFTINT_MAX_LENGTH + 2];
	unsigned i, vector, length;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK(!softint_decode(bad[i].code, bad[i].len, &vector, &length));
	/* Longer than any instruction may be. */
	memset(prefixes, 0x66, sizeof(prefixes));
	prefixes[SOFTINT_MAX_LENGTH] = 0xCC;
	CHECK(!softint_decode(prefixes, sizeof(prefixes), &vector, &length));
	prefixes[SOFTINT_MAX_LENGTH - 1] = 0xCC;
	CHECK(softint_decode(prefixes, sizeof(prefixes), &vector, &length));
	CHECK_EQ(length, SOFTINT_MAX_LENGTH);
}

/* Reading past the offered length would be a bug: ASan sees it. */
static void test_decode_within_len(void)
{
	static const uint8_t forms[][2] = { { 0xCD, 0x30 }, { 0x66, 0xCC } };
	unsigned i, n, vector, length;

	for (i = 0; i < ARRAY_SIZE(forms); i++)
		for (n = 0; n <= 2; n++) {
			uint8_t *code = malloc(n ? n : 1);

			memcpy(code, forms[i], n);
			CHECK_EQ(softint_decode(code, n, &vector, &length), n == 2);
			free(code);
		}
}

static void test_gp_error(void)
{
	unsigned v, vector;

	for (v = 0; v < NUM_VECTORS; v++) {
		vector = ~0u;
		CHECK(softint_gp_error(SELEC_IDT_VECTOR(v), &vector));
		CHECK_EQ(vector, v);
		/* Raised by an external event, or naming the GDT: not "int". */
		CHECK(!softint_gp_error(SELEC_IDT_VECTOR(v) | SELEC_EXT, &vector));
		CHECK(!softint_gp_error(v << 3, &vector));
		CHECK(!softint_gp_error((v << 3) | SELEC_TI, &vector));
	}
	CHECK(!softint_gp_error(0, &vector));
	CHECK(!softint_gp_error(SELEC_IDT_VECTOR(256), &vector));
	CHECK(!softint_gp_error(0xFFFFFFFAu, &vector));
}

/* Bare metal's rule: DPL < CPL is #GP, else not present is #NP. */
static void test_check_every_gate(void)
{
	static const uint32_t types[] = { SYS_TYPE_INTR_GATE, SYS_TYPE_TRAP_GATE };
	const uint16_t cs = HV_SEL_KERNEL_CODE;
	unsigned t, dpl, cpl, present;

	for (t = 0; t < ARRAY_SIZE(types); t++)
		for (dpl = 0; dpl < 4; dpl++)
			for (present = 0; present < 2; present++)
				for (cpl = 1; cpl <= 3; cpl += 2) {
					struct desc g = desc_gate(cs, 0x1000,
								  types[t], dpl);
					enum softint_outcome want;
					unsigned eff = dpl ? dpl : 1;

					if (!present)
						g.hi &= ~DESC_P;
					want = eff < cpl ? SOFTINT_GP :
					       !present ? SOFTINT_NP :
					       SOFTINT_DELIVER;
					CHECK_EQ(softint_check(g, cpl), want);
				}
	/* An empty entry (all zero) refuses ring 3 and is missing for ring 1. */
	CHECK_EQ(softint_check((struct desc){ 0, 0 }, 3), SOFTINT_GP);
	CHECK_EQ(softint_check((struct desc){ 0, 0 }, 1), SOFTINT_NP);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_decode_forms),
		TEST_ENTRY(test_decode_refusals),
		TEST_ENTRY(test_decode_within_len),
		TEST_ENTRY(test_gp_error),
		TEST_ENTRY(test_check_every_gate),
	};
	return check_main("softint", tests, ARRAY_SIZE(tests));
}
