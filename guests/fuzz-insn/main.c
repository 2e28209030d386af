/*
 * fuzz-insn: random instruction sequences from ring 1 and ring 3, each
 * checked against a model of what bare metal does (see fuzz.h for the
 * parts). Arguments:
 *
 *   seed=N        the seed (default 1); it also draws the IDT
 *   cases=N       how many cases (default DEFAULT_CASES), from case 0
 *   from=K        start at case K (with count=M: M cases)
 *   case=K        only case K, printed in full: its bytes, what the model
 *                 expects and what came (the way to replay a failure)
 *   verbose       print every case so
 *   trace         print each case's number before it runs (to find the
 *                 case a guest was killed in)
 *   ring1-random  random bytes in ring 1 too: a stray stack pointer there
 *                 makes the hypervisor kill the guest, as bare metal
 *                 would triple-fault
 *   vm86          VM in iret frames: QEMU's TCG then enters virtual-8086
 *                 mode from any ring (the SDM: only from ring 0)
 *   stack16       mov and pop from a 16-bit stack segment to a 32-bit one:
 *                 after an exit on the 16-bit stack ESP's upper half is the
 *                 switcher's (the hardware's "espfix" problem), so the next
 *                 push touches the reserve and the guest is killed
 *
 * It prints the seed and the cases it runs, then one line per case whose
 * traps differ from the model's, then a summary; it exits with 1 when any
 * case differed.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"
#include "fuzz.h"

#define DEFAULT_CASES       3000
#define KSTACK_PAGES        2
#define MXCSR_DEFAULT       0x1F80u     /* every SSE exception masked */
#define CPUID_SSE           (1u << 25)
#define SCRATCH_ALIGNED     0xCDCDCD00u /* the pattern at aligned addresses */

/* entry.S reads struct case_entry at these offsets. */
_Static_assert(offsetof(struct case_entry, eip) == 0 &&
	       offsetof(struct case_entry, cs) == 4 &&
	       offsetof(struct case_entry, eflags) == 8 &&
	       offsetof(struct case_entry, esp) == 12 &&
	       offsetof(struct case_entry, ss) == 16 &&
	       offsetof(struct case_entry, ds) == 20 &&
	       offsetof(struct case_entry, es) == 24 &&
	       offsetof(struct case_entry, fs) == 28 &&
	       offsetof(struct case_entry, gs) == 32, "entry.S's E_* offsets");

struct fuzz_config cfg = { .seed = 1, .count = DEFAULT_CASES };

static uint8_t kstack[KSTACK_PAGES * FUZZ_PAGE] __attribute__((aligned(4096)));
static bool has_sse;

static bool arg_number(const char *arg, const char *key, unsigned *value)
{
	size_t n = strlen(key);

	if (strncmp(arg, key, n) != 0 || arg[n] != '=')
		return false;
	*value = (unsigned)strtoul(arg + n + 1, NULL, 0);
	return true;
}

static void parse_args(int argc, char **argv)
{
	unsigned v;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (arg_number(a, "seed", &v))
			cfg.seed = v;
		else if (arg_number(a, "cases", &v) || arg_number(a, "count", &v))
			cfg.count = v;
		else if (arg_number(a, "from", &v))
			cfg.first = v;
		else if (arg_number(a, "case", &v)) {
			cfg.first = v;
			cfg.count = 1;
			cfg.verbose = true;
		}
		else if (strcmp(a, "verbose") == 0)
			cfg.verbose = true;
		else if (strcmp(a, "trace") == 0)
			cfg.trace = true;
		else if (strcmp(a, "ring1-random") == 0)
			cfg.ring1_random = true;
		else if (strcmp(a, "vm86") == 0)
			cfg.vm86 = true;
		else if (strcmp(a, "stack16") == 0)
			cfg.stack16 = true;
		else if (strncmp(a, "name=", 5) != 0 && strncmp(a, "mem=", 4) != 0)
			printf("ignored argument '%s'\n", a);
	}
}

static void fill32(uint32_t start, uint32_t end, uint32_t word)
{
	uint32_t *p;

	for (p = (uint32_t *)start; p < (uint32_t *)end; p++)
		*p = word;
}

/*
 * The memory a case may touch, as every case finds it: the code page and
 * the pads full of landing instructions (cd 80), the case's code and data,
 * the scratch area and the low stack full of the scratch word.
 */
static void prepare(const struct fcase *c)
{
	uint32_t land = 0x80CD80CDu;        /* "int $0x80" twice */

	fill32(FUZZ_CODE, FUZZ_PADS + FUZZ_PAGE, land);
	memcpy((void *)FUZZ_SEQ, c->code, c->code_len);
	memset((void *)FUZZ_DATA, 0, FUZZ_PAGE);
	memcpy((void *)FUZZ_DATA, c->data, sizeof(c->data));
	fill32(SCRATCH_START, SCRATCH_END, SCRATCH_ALIGNED);
	fill32(LOW_START, LOW_END, SCRATCH_ALIGNED);
}

/* What a case may leave in the FPU and SSE state: nothing for the next. */
static void fpu_reset(void)
{
	uint32_t mxcsr = MXCSR_DEFAULT;

	__asm__ volatile("fninit");
	if (has_sse)
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

static void detect_sse(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	has_sse = (d & CPUID_SSE) != 0;
}

static void run_one(unsigned number)
{
	static struct fcase c;
	static struct outcome o;
	struct case_entry e;
	bool ring1;

	if (cfg.trace)
		printf("running case %u\n", number);
	gen_case(&c, number);
	ring1 = c.ring == 1;
	e = (struct case_entry){
		.eip = FUZZ_SEQ, .eflags = c.eflags0, .esp = SCRATCH_WORD,
		.cs = ring1 ? HV_SEL_KERNEL_CODE : HV_SEL_USER_CODE,
		.ss = ring1 ? HV_SEL_KERNEL_DATA : HV_SEL_USER_DATA,
	};
	e.ds = e.es = e.ss;
	prepare(&c);
	if (cfg.verbose)
		report_case(&c);
	fpu_reset();
	trap_begin_case(&c, &o);
	case_enter(&e);
	fpu_reset();
	irq_disable();
	report_account(&c, &o);
}

int main(int argc, char **argv)
{
	unsigned k;

	parse_args(argc, argv);
	/* The case's pages sit at fixed addresses up to SCRATCH_END. */
	if (hv_boot->mem_bytes < SCRATCH_END)
		hv_crash("fuzz-insn needs mem=14M or more");
	detect_sse();
	hv_set_kernel_stack(kstack + sizeof(kstack), KSTACK_PAGES);
	segs_install();
	gates_install(cfg.seed);
	printf("seed %u: %u case%s from case %u\n", (unsigned)cfg.seed,
	       cfg.count, cfg.count == 1 ? "" : "s", cfg.first);
	for (k = 0; k < cfg.count; k++)
		run_one(cfg.first + k);
	report_summary(cfg.count);
	return mismatches ? 1 : 0;
}
