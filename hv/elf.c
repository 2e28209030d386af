#include <elf32.h>
#include <lib/fmt.h>
#include "elf.h"

#define REFUSE(...) (fmt_snprintf(err, errlen, __VA_ARGS__), err)

static const char *check_header(const struct elf32_ehdr *h, uint32_t size,
				char *err, size_t errlen)
{
	if (size < sizeof(*h))
		return REFUSE("too small for an ELF header (%u bytes)", size);
	if (h->e_ident[0] != ELFMAG0 || h->e_ident[1] != 'E' ||
	    h->e_ident[2] != 'L' || h->e_ident[3] != 'F')
		return REFUSE("not an ELF file");
	if (h->e_ident[4] != ELFCLASS32 || h->e_ident[5] != ELFDATA2LSB ||
	    h->e_machine != EM_386)
		return REFUSE("not a 32-bit little-endian i386 ELF");
	if (h->e_ident[6] != EV_CURRENT || h->e_version != EV_CURRENT)
		return REFUSE("unknown ELF version");
	if (h->e_type != ET_EXEC)
		return REFUSE("not an executable (ELF type %u)", h->e_type);
	if (h->e_phentsize != sizeof(struct elf32_phdr))
		return REFUSE("program header size %u, expected %zu",
			      h->e_phentsize, sizeof(struct elf32_phdr));
	if (h->e_phnum == 0)
		return REFUSE("no program headers");
	if (h->e_phoff > size ||
	    (uint64_t)h->e_phnum * sizeof(struct elf32_phdr) > size - h->e_phoff)
		return REFUSE("program headers run past the end of the file");
	return NULL;
}

static const char *check_segment(const struct elf32_phdr *ph, unsigned i,
				 uint32_t size, uint32_t mem_bytes,
				 uint32_t reserved_gpa, char *err, size_t errlen)
{
	uint64_t end = (uint64_t)ph->p_paddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return REFUSE("segment %u has more file bytes (%u) than memory "
			      "(%u)", i, ph->p_filesz, ph->p_memsz);
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return REFUSE("segment %u runs past the end of the file", i);
	if (end > mem_bytes)
		return REFUSE("segment %u ({0x%x-0x%llx}) does not fit in %u KiB "
			      "of guest memory", i, ph->p_paddr,
			      (unsigned long long)end, mem_bytes / 1024);
	if (ph->p_memsz && ph->p_paddr < reserved_gpa + PAGE_SIZE &&
	    end > reserved_gpa)
		return REFUSE("segment %u overlaps the boot-info page at 0x%x",
			      i, reserved_gpa);
	return NULL;
}

static bool entry_is_loaded(const struct elf_plan *plan, uint32_t entry)
{
	unsigned i;

	for (i = 0; i < plan->nsegments; i++)
		if (entry >= plan->seg[i].gpa &&
		    entry - plan->seg[i].gpa < plan->seg[i].mem_size)
			return true;
	return false;
}

const char *elf_plan(const void *image, uint32_t size, uint32_t mem_bytes,
		     uint32_t reserved_gpa, struct elf_plan *plan,
		     char *err, size_t errlen)
{
	const struct elf32_ehdr *h = image;
	const struct elf32_phdr *ph;
	const char *why;
	unsigned i;

	plan->nsegments = 0;
	if ((why = check_header(h, size, err, errlen)))
		return why;
	ph = (const void *)((const uint8_t *)image + h->e_phoff);
	for (i = 0; i < h->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		why = check_segment(&ph[i], i, size, mem_bytes, reserved_gpa,
				    err, errlen);
		if (why)
			return why;
		if (plan->nsegments == ELF_MAX_SEGMENTS)
			return REFUSE("more than %u loadable segments",
				      ELF_MAX_SEGMENTS);
		plan->seg[plan->nsegments++] = (struct elf_segment){
			ph[i].p_offset, ph[i].p_filesz, ph[i].p_paddr,
			ph[i].p_memsz };
	}
	if (plan->nsegments == 0)
		return REFUSE("no loadable segments");
	plan->entry = h->e_entry;
	if (!entry_is_loaded(plan, h->e_entry))
		return REFUSE("entry point 0x%x is outside every segment",
			      h->e_entry);
	return NULL;
}
