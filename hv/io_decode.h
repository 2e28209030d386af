/*
 * Decoding the port I/O instructions a guest may try (they fault with #GP
 * and error code 0, since guests run without I/O privilege). Pure.
 */
#ifndef HV_IO_DECODE_H
#define HV_IO_DECODE_H

#include <types.h>

struct io_insn {
	unsigned length;        /* instruction bytes, to skip */
	unsigned size;          /* operand: 1, 2 or 4 bytes */
	bool in;                /* in (true) or out */
	bool port_in_dx;        /* port from DX, else the immediate */
	uint8_t port_imm;
};

/*
 * Decodes code[0, len); false if it is not an in/out instruction. code32
 * is the code segment's D bit: the default operand size, 4 bytes when set
 * and 2 when clear, which a 0x66 prefix swaps.
 */
bool io_decode(const uint8_t *code, unsigned len, bool code32,
	       struct io_insn *insn);

#endif
