/* ELF32 file format, the parts an i386 executable uses (System V gABI). */
#ifndef ELF32_H
#define ELF32_H

#include <types.h>

#define EI_NIDENT       16
#define ELFMAG0         0x7F
#define ELFCLASS32      1
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define EM_386          3
#define PT_LOAD         1
#define PF_X            1u
#define PF_W            2u
#define PF_R            4u

struct PACKED elf32_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct PACKED elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr;
	uint32_t p_filesz, p_memsz, p_flags, p_align;
};

#endif
