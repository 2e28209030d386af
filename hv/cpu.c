#include <x86/cpuid.h>
#include <x86/cr.h>
#include <x86/io.h>
#include "cpu.h"

struct cpu_features cpu_features;

/* CPUID exists when software can flip EFLAGS.ID. */
static bool has_cpuid(void)
{
	uint32_t before, after;

	__asm__ volatile("pushfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "movl %0, %1\n\t"
			 "xorl %2, %1\n\t"
			 "pushl %1\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %1\n\t"
			 "popfl"
			 : "=&r"(before), "=&r"(after) : "i"(EFLAGS_ID));
	return ((before ^ after) & EFLAGS_ID) != 0;
}

static void copy_regs(char *dst, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	uint32_t regs[4] = { a, b, c, d };

	__builtin_memcpy(dst, regs, sizeof(regs));
}

static void read_brand(struct cpu_features *f, uint32_t ext_max)
{
	uint32_t a, b, c, d, i;
	char *s = f->brand;

	f->brand[0] = '\0';
	if (ext_max < CPUID_LEAF_BRAND0 + 2)
		return;
	for (i = 0; i < 3; i++) {
		cpuid(CPUID_LEAF_BRAND0 + i, &a, &b, &c, &d);
		copy_regs(f->brand + 16 * i, a, b, c, d);
	}
	f->brand[48] = '\0';
	while (*s == ' ')
		s++;
	if (s != f->brand)
		__builtin_memmove(f->brand, s, 49 - (size_t)(s - f->brand));
}

void cpu_detect(struct cpu_features *f)
{
	uint32_t a, b, c, d, max, ext_max;

	*f = (struct cpu_features){ 0 };
	f->cpuid = has_cpuid();
	if (!f->cpuid) {
		__builtin_memcpy(f->vendor, "unknown", 8);
		return;
	}
	cpuid(CPUID_LEAF_VENDOR, &max, &b, &c, &d);
	copy_regs(f->vendor, b, d, c, 0);
	f->vendor[12] = '\0';
	if (max >= CPUID_LEAF_FEATURES) {
		cpuid(CPUID_LEAF_FEATURES, &a, &b, &c, &d);
		f->family = (a >> 8) & 0xF;
		f->model = (a >> 4) & 0xF;
		f->stepping = a & 0xF;
		if (f->family == 0xF)
			f->family += (a >> 20) & 0xFF;
		if (f->family >= 6)
			f->model |= ((a >> 16) & 0xF) << 4;
		f->pse = d & CPUID_EDX_PSE;
		f->tsc = d & CPUID_EDX_TSC;
		f->msr = d & CPUID_EDX_MSR;
		f->pae = d & CPUID_EDX_PAE;
		f->apic = d & CPUID_EDX_APIC;
		f->pge = d & CPUID_EDX_PGE;
		f->fxsr = d & CPUID_EDX_FXSR;
		f->de = d & CPUID_EDX_DE;
		f->sep = d & CPUID_EDX_SEP;
	}
	cpuid(CPUID_LEAF_EXT_MAX, &ext_max, &b, &c, &d);
	if (ext_max >= CPUID_LEAF_EXT_FEATURES && ext_max < 0x8000FFFFu) {
		cpuid(CPUID_LEAF_EXT_FEATURES, &a, &b, &c, &d);
		f->nx = d & CPUID_EXT_EDX_NX;
		f->efer = d & (CPUID_EXT_EDX_NX | CPUID_EXT_EDX_SYSCALL |
			       CPUID_EXT_EDX_LM);
		read_brand(f, ext_max);
	}
}
