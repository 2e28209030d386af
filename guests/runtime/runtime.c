/* Guest runtime: start-up, the shared page, traps and virtual interrupts. */
#include <stddef.h>
#include <string.h>
#include <trap_frame.h>
#include <x86/cr.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "paging.h"

#define MAX_ARGS        16

/* traps.S and user.S use these numbers, which abi.h gives only to C. */
_Static_assert(HV_CALL_HALT == 14, "hv_halt_irq in traps.S uses 14");
_Static_assert(EFLAGS_IF == 0x200, "traps.S and user.S use 0x200");

/* traps.S builds the frame with include/trap_frame.h's macros. */
#define SAME_FIELD(a, b) \
	(offsetof(struct trap_regs, a) == offsetof(struct trap_frame, b))
_Static_assert(sizeof(struct trap_regs) == sizeof(struct trap_frame) &&
	       SAME_FIELD(gs, gs) && SAME_FIELD(ds, ds) &&
	       SAME_FIELD(edi, edi) && SAME_FIELD(eax, eax) &&
	       SAME_FIELD(vector, vector) && SAME_FIELD(error, error) &&
	       SAME_FIELD(eip, eip) && SAME_FIELD(eflags, eflags) &&
	       SAME_FIELD(user_esp, esp) && SAME_FIELD(user_ss, ss),
	       "struct trap_regs is struct trap_frame");

const struct hv_boot_info *hv_boot;
static struct hv_shared boot_shared __attribute__((aligned(4096)));
struct hv_vcpu_area hv_vcpu_areas[HV_MAX_VCPUS] = {
	[0] = { .self = &hv_vcpu_areas[0], .shared = &boot_shared },
};
int hv_smp;

_Static_assert(offsetof(struct hv_vcpu_area, self) == 0 &&
	       offsetof(struct hv_vcpu_area, shared) == 4 &&
	       sizeof(struct hv_vcpu_area) == 16,
	       "traps.S, user.S and the 16-byte segment use this layout");

extern const uint32_t trap_stub_table[NUM_VECTORS];
extern char noirq_start[], noirq_end[];
static trap_handler_t handlers[NUM_VECTORS];
static uint8_t is_trap_gate[NUM_VECTORS];

int main(int argc, char **argv);
void runtime_start(const struct hv_boot_info *boot);
void trap_dispatch(struct trap_regs *regs);
void runtime_exit_hook(void);

void hv_console(const char *s, size_t len)
{
	hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)s, len, 0, 0);
}

void hv_exit(uint32_t status)
{
	runtime_exit_hook();
	for (;;)
		hcall(HV_CALL_SHUTDOWN, HV_SHUTDOWN_POWEROFF, status, 0, 0);
}

void hv_crash(const char *msg)
{
	for (;;)
		hcall(HV_CALL_CRASH, (uint32_t)msg, 0, 0, 0);
}

unsigned hv_async(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
		  uint32_t a4)
{
	struct hv_vcpu_area *a = hv_area();
	struct hv_shared *sh = a->shared;
	unsigned i = a->async_cursor;

	/* A slot still ready means the hypervisor has not run it: flush. */
	if (__atomic_load_n(&sh->slot_status[i], __ATOMIC_ACQUIRE) ==
	    HV_SLOT_READY)
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	sh->slots[i].nr = nr;
	sh->slots[i].args[0] = a1;
	sh->slots[i].args[1] = a2;
	sh->slots[i].args[2] = a3;
	sh->slots[i].args[3] = a4;
	__atomic_store_n(&sh->slot_status[i], HV_SLOT_READY, __ATOMIC_RELEASE);
	a->async_cursor = (i + 1) % HV_ASYNC_SLOTS;
	return i;
}

static int irq_waiting(void)
{
	const struct hv_shared *sh = hv_self();
	unsigned i;

	for (i = 0; i < HV_IRQS / 32; i++)
		if (sh->pending_irqs[i] & ~sh->blocked_irqs[i])
			return 1;
	return 0;
}

void irq_enable(void)
{
	__atomic_store_n(&hv_self()->irq_enabled, EFLAGS_IF, __ATOMIC_SEQ_CST);
	/* Something arrived while they were off: let the hypervisor deliver it. */
	if (irq_waiting())
		hcall(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

void irq_disable(void)
{
	__atomic_store_n(&hv_self()->irq_enabled, 0, __ATOMIC_SEQ_CST);
}

void trap_install(unsigned vector, trap_handler_t handler, int trap, int dpl)
{
	struct desc gate = desc_gate(HV_SEL_KERNEL_CODE, trap_stub_table[vector],
				     trap ? SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE,
				     (unsigned)dpl);

	handlers[vector] = handler;
	is_trap_gate[vector] = trap != 0;
	hcall(HV_CALL_LOAD_IDT_ENTRY, vector, gate.lo, gate.hi, 0);
}

void hv_set_kernel_stack(void *top, unsigned pages)
{
	hcall(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA, (uint32_t)top, pages, 0);
}

/*
 * A trap gate leaves the virtual IF alone, so the one in effect now is the
 * interrupted code's. The frame of a direct trap (one the CPU delivers
 * without the hypervisor) shows the real IF instead, which is always set:
 * returning through it would turn virtual interrupts on. So unless the
 * handler changed IF in the frame itself, the virtual one goes back.
 */
void trap_dispatch(struct trap_regs *regs)
{
	uint32_t vif = hv_self()->irq_enabled & EFLAGS_IF;
	uint32_t seen = regs->eflags & EFLAGS_IF;
	unsigned v = regs->vector;

	if (v >= NUM_VECTORS || !handlers[v])
		hv_crash("trap with no handler in the runtime");
	handlers[v](regs);
	if (is_trap_gate[v] && (regs->eflags & EFLAGS_IF) == seen)
		regs->eflags = (regs->eflags & ~EFLAGS_IF) | vif;
}

/* Splits the boot command line into words for main(). */
static int split_args(char *buf, char **argv)
{
	int argc = 0;
	char *p = buf;

	argv[argc++] = (char *)hv_boot->name;
	while (*p && argc < MAX_ARGS - 1) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

const char *hv_arg(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

__attribute__((weak)) void runtime_exit_hook(void)
{
}

/*
 * The page-table format the "pt=" argument names: pt=2level or pt=pae, and
 * 2-level when there is none. Anything else sets *bad to the word.
 */
static uint32_t pt_format_arg(const char *cmdline, const char **bad)
{
	static const struct {
		const char *word;
		uint32_t format;
	} formats[] = { { "2level", HV_PT_2LEVEL }, { "pae", HV_PT_PAE } };
	uint32_t format = HV_PT_2LEVEL;
	const char *p, *v;
	unsigned i, n;

	*bad = NULL;
	for (p = cmdline; *p; p++) {
		if ((p != cmdline && p[-1] != ' ') || strncmp(p, "pt=", 3) != 0)
			continue;
		v = p + 3;
		for (n = 0; v[n] && v[n] != ' '; n++)
			;
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			if (strlen(formats[i].word) == n &&
			    strncmp(v, formats[i].word, n) == 0)
				break;
		if (i == sizeof(formats) / sizeof(formats[0])) {
			*bad = p;
			return HV_PT_2LEVEL;
		}
		format = formats[i].format;
	}
	return format;
}

/* Crashes saying which pt= word (up to its end) is not a format. */
static __attribute__((noreturn)) void bad_pt_format(const char *word)
{
	static const char before[] = "unknown page-table format '";
	static const char after[] = "' (pt=2level or pt=pae)";
	static char msg[sizeof(before) + 32 + sizeof(after)];
	size_t len = sizeof(before) - 1, i;

	memcpy(msg, before, len);
	for (i = 0; word[i] && word[i] != ' ' && i < 32; i++)
		msg[len++] = word[i];
	memcpy(msg + len, after, sizeof(after));
	hv_crash(msg);
}

/* Weak, so that a test guest can replace the start-up (and break its rules). */
__attribute__((weak)) void runtime_start(const struct hv_boot_info *boot)
{
	static char cmdline[sizeof(boot->cmdline)];
	static char *argv[MAX_ARGS];
	const char *bad_pt;
	unsigned i;
	int argc;

	hv_boot = boot;
	hv_self()->kernel_address = 0;       /* one address space: all global */
	hv_self()->noirq_start = (uint32_t)noirq_start;
	hv_self()->noirq_end = (uint32_t)noirq_end;
	hv_pt_format = pt_format_arg(boot->cmdline, &bad_pt);
	hcall(HV_CALL_REGISTER, (uint32_t)hv_self(), hv_pt_format, 0, 0);
	if (bad_pt)     /* registered first: CRASH is refused before that */
		bad_pt_format(bad_pt);
	for (i = 0; i < sizeof(cmdline) - 1 && boot->cmdline[i]; i++)
		cmdline[i] = boot->cmdline[i];
	argc = split_args(cmdline, argv);
	hv_exit((uint32_t)main(argc, argv));
}
