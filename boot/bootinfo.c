#include <multiboot2.h>
#include <lib/panic.h>
#include "bootinfo.h"

static char strings[BOOT_STRINGS_SIZE];
static size_t strings_used;

/* A copy of s in the string pool; "" when the pool is full. */
static const char *keep(const char *s)
{
	size_t len = 0;
	char *copy;

	while (s[len])
		len++;
	if (strings_used + len + 1 > sizeof(strings))
		return "";
	copy = strings + strings_used;
	__builtin_memcpy(copy, s, len + 1);
	strings_used += len + 1;
	return copy;
}

void bootinfo_load(uint32_t magic, uint32_t mbi_pa, struct mb2_info *info)
{
	char err[160];
	unsigned i;

	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("boot: not started by a multiboot2 boot loader "
		      "(eax 0x%08x, expected 0x%08x)", magic, MB2_BOOTLOADER_MAGIC);
	if (!mb2_parse((const void *)(uintptr_t)mbi_pa, info, err, sizeof(err)))
		panic("boot: %s", err);
	info->cmdline = keep(info->cmdline);
	info->loader_name = keep(info->loader_name);
	for (i = 0; i < info->nmodules; i++)
		info->modules[i].cmdline = keep(info->modules[i].cmdline);
}
