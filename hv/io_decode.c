#include "io_decode.h"

#define PREFIX_OPSIZE   0x66
#define OP_IN_IMM       0xE4    /* E4 al, E5 eax */
#define OP_OUT_IMM      0xE6
#define OP_IN_DX        0xEC
#define OP_OUT_DX       0xEE

bool io_decode(const uint8_t *code, unsigned len, bool code32,
	       struct io_insn *insn)
{
	unsigned i = 0;
	bool opsize = false;
	uint8_t op;

	if (i < len && code[i] == PREFIX_OPSIZE) {
		opsize = true;
		i++;
	}
	if (i >= len)
		return false;
	op = code[i++];
	switch (op & ~1u) {
	case OP_IN_IMM:
	case OP_OUT_IMM:
		if (i >= len)
			return false;
		insn->port_in_dx = false;
		insn->port_imm = code[i++];
		break;
	case OP_IN_DX:
	case OP_OUT_DX:
		insn->port_in_dx = true;
		insn->port_imm = 0;
		break;
	default:
		return false;
	}
	insn->in = (op & ~1u) == OP_IN_IMM || (op & ~1u) == OP_IN_DX;
	insn->size = (op & 1) ? (opsize != code32 ? 4 : 2) : 1;
	insn->length = i;
	return true;
}
