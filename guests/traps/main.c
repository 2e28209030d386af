/*
 * traps: exceptions reach the guest's handlers with the right frame.
 * Divide error (through a direct trap gate and through an interrupt gate,
 * with the virtual IF off and on), breakpoint, invalid opcode, a #GP in
 * ring 1, and from ring 3: a hypercall (#GP 0xfa), cli (#GP 0), int3, an
 * int through a DPL-1 gate and a divide error. Each check states the
 * vector, error code, saved eip/cs, saved EFLAGS.IF and, from ring 3, the
 * saved user esp/ss and that the frame is on the kernel stack.
 */
#include <x86/cr.h>
#include <x86/exception.h>
#include "hv.h"
#include "extable.h"

#define KSTACK_PAGES    2
#define MAX_EVENTS      8

/* The trapping instructions, in faults.S. */
extern char div0_insn[], int3_next[], ud2_insn[], cli_insn[];
extern char user_hcall_insn[], user_cli_insn[], user_int3_next[];
extern char user_int41_insn[], user_div0_insn[], user_exit_next[];
void do_div0(void);
void do_int3(void);
void do_ud2(void);
void do_cli(void);
void user_code(void);

/* What a handler saw. */
struct event {
	struct trap_regs regs;
	const struct trap_regs *where;  /* the frame's address */
	int vif_inside;                 /* virtual IF while the handler ran */
};

static struct event events[MAX_EVENTS];
static unsigned nevents;

static uint8_t kstack[KSTACK_PAGES * 4096] __attribute__((aligned(4096)));
static uint8_t ustack[4096] __attribute__((aligned(16)));

/* Notes the trap; a fault resumes after its instruction (faults.S). */
static void record(struct trap_regs *regs)
{
	if (nevents < MAX_EVENTS) {
		events[nevents].regs = *regs;
		events[nevents].where = regs;
		events[nevents].vif_inside = irqs_enabled();
		nevents++;
	}
	extable_fixup(regs);
}

static void user_exit(struct trap_regs *regs)
{
	record(regs);
	leave_user((int)regs->eax);
}

/* The one event a single trapping call must have produced. */
static const struct event *only_event(const char *what)
{
	if (!check(nevents == 1, "%s: handler ran once (%u)", what, nevents))
		return NULL;
	return &events[0];
}

/* Vector, error code, eip and cs of a ring-1 trap. */
static const struct event *ring1_trap(const char *what, void (*fn)(void),
				      unsigned vector, uint32_t error,
				      const char *eip, const char *eip_name)
{
	const struct event *e;

	nevents = 0;
	fn();
	e = only_event(what);
	if (!e)
		return NULL;
	check(e->regs.vector == vector && e->regs.error == error &&
	      e->regs.eip == (uint32_t)eip &&
	      (e->regs.cs & 0xFFFF) == HV_SEL_KERNEL_CODE,
	      "%s: vector %u, error code %u, eip %s, cs 0x%x", what,
	      e->regs.vector, e->regs.error, eip_name, e->regs.cs & 0xFFFF);
	return e;
}

static void saved_if(const struct event *e, const char *what, uint32_t want,
		     const char *why)
{
	if (e)
		check((e->regs.eflags & EFLAGS_IF) == want,
		      "%s: saved EFLAGS.IF %s (%s)", what,
		      (e->regs.eflags & EFLAGS_IF) ? "set" : "clear", why);
}

static void divide_errors(void)
{
	const struct event *e;
	const char *what;

	what = "divide error, direct trap gate, virtual IF off";
	trap_install(VEC_DIVIDE, record, 1, 0);
	e = ring1_trap(what, do_div0, VEC_DIVIDE, 0, div0_insn, "at the div");
	saved_if(e, what, EFLAGS_IF, "the real IF: the CPU delivered it");
	check(!irqs_enabled(), "%s: virtual IF still off after the return", what);

	what = "divide error, interrupt gate, virtual IF off";
	trap_install(VEC_DIVIDE, record, 0, 0);
	e = ring1_trap(what, do_div0, VEC_DIVIDE, 0, div0_insn, "at the div");
	saved_if(e, what, 0, "the virtual IF: the hypervisor delivered it");

	what = "divide error, interrupt gate, virtual IF on";
	irq_enable();
	e = ring1_trap(what, do_div0, VEC_DIVIDE, 0, div0_insn, "at the div");
	saved_if(e, what, EFLAGS_IF, "the virtual IF");
	if (e)
		check(!e->vif_inside, "%s: virtual IF off in the handler", what);
	check(irqs_enabled(), "%s: virtual IF on again after the return", what);
	irq_disable();
}

static void other_ring1_traps(void)
{
	const struct event *e;
	const char *what;

	what = "breakpoint (int3), direct trap gate";
	trap_install(VEC_BREAKPOINT, record, 1, 0);
	e = ring1_trap(what, do_int3, VEC_BREAKPOINT, 0, int3_next,
		       "after the int3");
	saved_if(e, what, EFLAGS_IF, "the real IF");

	what = "invalid opcode (ud2), direct trap gate";
	trap_install(VEC_INVALID_OPCODE, record, 1, 0);
	ring1_trap(what, do_ud2, VEC_INVALID_OPCODE, 0, ud2_insn, "at the ud2");

	what = "general protection (cli in ring 1), trap gate";
	trap_install(VEC_GP, record, 1, 0);
	e = ring1_trap(what, do_cli, VEC_GP, 0, cli_insn, "at the cli");
	saved_if(e, what, 0, "the virtual IF: #GP always goes through the "
		 "hypervisor");
}

/* Vector, error code, eip, cs, user esp/ss and frame place of a ring-3 trap. */
static void ring3_trap(unsigned i, const char *what, unsigned vector,
		       uint32_t error, const char *eip, const char *eip_name)
{
	const struct event *e = &events[i];
	const uint8_t *frame_end = (const uint8_t *)(&e->where->user_ss + 1);

	if (!check(i < nevents, "ring 3, %s: trapped", what))
		return;
	check(e->regs.vector == vector && e->regs.error == error &&
	      e->regs.eip == (uint32_t)eip &&
	      (e->regs.cs & 0xFFFF) == HV_SEL_USER_CODE,
	      "ring 3, %s: vector %u, error code 0x%x, eip %s, cs 0x%x", what,
	      e->regs.vector, e->regs.error, eip_name, e->regs.cs & 0xFFFF);
	check(e->regs.user_esp == (uint32_t)(ustack + sizeof(ustack) - 4) &&
	      (e->regs.user_ss & 0xFFFF) == HV_SEL_USER_DATA,
	      "ring 3, %s: saved user esp is the user stack's, ss 0x%x", what,
	      e->regs.user_ss & 0xFFFF);
	check(frame_end == kstack + sizeof(kstack),
	      "ring 3, %s: frame at the top of the kernel stack", what);
}

static void ring3_traps(void)
{
	int ret;

	hv_set_kernel_stack(kstack + sizeof(kstack), KSTACK_PAGES);
	trap_install(VEC_BREAKPOINT, record, 1, 3);
	trap_install(VEC_GP, record, 1, 0);
	trap_install(0x41, record, 0, 1);
	trap_install(VEC_DIVIDE, record, 0, 0);
	trap_install(0x80, user_exit, 1, 3);
	nevents = 0;
	ret = enter_user(user_code, ustack + sizeof(ustack));
	check(ret == 0 && nevents == 6, "ring 3: ran to its exit call, %u traps",
	      nevents);
	ring3_trap(0, "hypercall", VEC_GP, SELEC_IDT_VECTOR(HV_HYPERCALL_VECTOR),
		   user_hcall_insn, "at the int");
	ring3_trap(1, "cli", VEC_GP, 0, user_cli_insn, "at the cli");
	ring3_trap(2, "int3 (direct trap gate, DPL 3)", VEC_BREAKPOINT, 0,
		   user_int3_next, "after the int3");
	ring3_trap(3, "int $0x41 (gate DPL 1)", VEC_GP, SELEC_IDT_VECTOR(0x41),
		   user_int41_insn, "at the int");
	ring3_trap(4, "divide error (interrupt gate)", VEC_DIVIDE, 0,
		   user_div0_insn, "at the div");
	ring3_trap(5, "exit system call", 0x80, 0, user_exit_next,
		   "after the int");
}

int main(void)
{
	divide_errors();
	other_ring1_traps();
	ring3_traps();
	return check_summary();
}
