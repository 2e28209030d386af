#include <x86/exception.h>
#include "softint.h"

#define OP_INT3     0xCC
#define OP_INT      0xCD
#define OP_INTO     0xCE

static bool legacy_prefix(uint8_t b)
{
	switch (b) {
	case 0x26: case 0x2E: case 0x36: case 0x3E:     /* segment overrides */
	case 0x64: case 0x65:
	case 0x66: case 0x67:                           /* operand, address size */
	case 0xF2: case 0xF3:                           /* rep */
		return true;
	default:
		return false;
	}
}

bool softint_decode(const uint8_t *code, unsigned len, unsigned *vector,
		    unsigned *length)
{
	unsigned i = 0;

	len = MIN(len, (unsigned)SOFTINT_MAX_LENGTH);
	while (i < len && legacy_prefix(code[i]))
		i++;
	if (i >= len)
		return false;
	switch (code[i]) {
	case OP_INT3:
		*vector = VEC_BREAKPOINT;
		*length = i + 1;
		return true;
	case OP_INTO:
		*vector = VEC_OVERFLOW;
		*length = i + 1;
		return true;
	case OP_INT:
		if (i + 1 >= len)
			return false;
		*vector = code[i + 1];
		*length = i + 2;
		return true;
	default:
		return false;
	}
}

bool softint_gp_error(uint32_t error, unsigned *vector)
{
	if ((error & (SELEC_IDT | SELEC_EXT)) != SELEC_IDT ||
	    (error >> 3) >= NUM_VECTORS)
		return false;
	*vector = error >> 3;
	return true;
}

enum softint_outcome softint_check(struct desc gate, unsigned cpl)
{
	/* The guest's DPL 0 means its kernel, which runs in ring 1. */
	if (MAX(1u, desc_dpl(gate)) < cpl)
		return SOFTINT_GP;
	if (!(gate.hi & DESC_P))
		return SOFTINT_NP;
	return SOFTINT_DELIVER;
}
