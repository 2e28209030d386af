/*
 * softint: "int n" for every vector from ring 1 and from ring 3, through
 * every kind of guest gate (none, interrupt or trap gate, DPL 1 or 3),
 * plus int3 and into. Each outcome is checked against what bare metal does
 * with the same IDT (SDM vol. 2, INT n): the handler for n runs with no
 * error code and the return address after the instruction; or, when the
 * gate's DPL is below the caller's ring, #GP with error code n * 8 + 2 at
 * the instruction; or, for a gate that is not present, #NP with the same
 * error code. The guest's DPL 0 would be its kernel's ring: DPL 1 here.
 *
 * Left out, by design: int $0x1f from ring 1 (the hypercall), and the
 * "no gate" cases for 11 and 13 themselves (with no #NP or #GP handler
 * bare metal would double-fault; the hypervisor kills the guest).
 */
#include <stdio.h>
#include <x86/desc.h>
#include "hv.h"

#define KSTACK_PAGES    2
#define GP              13
#define NP              11

extern char softint_sites[], softint_stubs[];
extern char site_int3[], site_int3_next[];
extern char site_into_set[], site_into[], site_into_next[];
extern char user_exit_0x80[], user_exit_0x81[];
void user_run(void);

/* Used by sites.S. */
uint32_t current_site;
uint32_t exit_by_0x81;
uint32_t on_trap(uint32_t *vec);

static uint8_t kstack[KSTACK_PAGES * 4096] __attribute__((aligned(4096)));
static uint8_t ustack[4096] __attribute__((aligned(16)));

enum outcome { DELIVER, RAISE_GP, RAISE_NP };

struct gate_kind {
	const char *name;
	int present, trap, dpl;
};

static const struct gate_kind kinds[] = {
	{ "no gate", 0, 0, 0 },
	{ "interrupt gate DPL 1", 1, 0, 1 },
	{ "interrupt gate DPL 3", 1, 0, 3 },
	{ "trap gate DPL 1", 1, 1, 1 },
	{ "trap gate DPL 3", 1, 1, 3 },
};

/* The case in progress: what on_trap() must see. */
static struct {
	unsigned vector, ring;
	uint32_t insn, next;        /* the int, and the instruction after it */
	enum outcome want;
	int seen;                   /* the expected trap arrived */
	const char *wrong;          /* or what was wrong with it */
	uint32_t got_vector, got_word;
} c;

static unsigned counts[3];
static unsigned mismatches;

static void load_gate(unsigned vector, const struct gate_kind *k)
{
	uint32_t stub = (uint32_t)softint_stubs + 16 * vector;
	struct desc d = desc_gate(HV_SEL_KERNEL_CODE, stub,
				  k->trap ? SYS_TYPE_TRAP_GATE : SYS_TYPE_INTR_GATE,
				  (unsigned)k->dpl);

	if (!k->present)
		d = (struct desc){ 0, 0 };
	hcall(HV_CALL_LOAD_IDT_ENTRY, vector, d.lo, d.hi, 0);
}

static const struct gate_kind reporter = { "reporter", 1, 1, 1 };
static const struct gate_kind exit_gate = { "exit", 1, 1, 3 };

/* Bare metal's rule, written from the manual, not from the hypervisor. */
static enum outcome bare_metal(const struct gate_kind *k, unsigned ring)
{
	unsigned dpl = k->dpl ? (unsigned)k->dpl : 1;

	if (dpl < ring)
		return RAISE_GP;
	return k->present ? DELIVER : RAISE_NP;
}

/* Checks the frame of the trap the case expects; words to drop for iret. */
static uint32_t expected_trap(uint32_t *vec)
{
	uint32_t *w = vec + 1, cs_want = c.ring == 3 ? HV_SEL_USER_CODE
						     : HV_SEL_KERNEL_CODE;
	unsigned err = c.want != DELIVER;
	uint32_t *hw = w + err;     /* eip, cs, eflags[, esp, ss] */

	if (err && w[0] != ((c.vector << 3) | 2))
		c.wrong = "wrong error code";
	else if (hw[0] != (c.want == DELIVER ? c.next : c.insn))
		c.wrong = "wrong return address (an error code where none belongs?)";
	else if ((hw[1] & 0xFFFF) != cs_want)
		c.wrong = "wrong saved cs";
	else if (c.ring == 3 && ((uint8_t *)(hw + 5) != kstack + sizeof(kstack) ||
				 hw[3] != (uint32_t)(ustack + sizeof(ustack) - 8)))
		c.wrong = "frame not on the kernel stack, or wrong user esp";
	c.seen = 1;
	if (err)
		hw[0] = c.next;     /* resume after the int */
	return err;
}

uint32_t on_trap(uint32_t *vec)
{
	unsigned v = vec[0];
	uint32_t *w = vec + 1;
	unsigned want_vec = c.want == DELIVER ? c.vector :
			    c.want == RAISE_GP ? GP : NP;

	if (c.ring == 3 && !c.seen && v == want_vec)
		return expected_trap(vec);
	if (c.ring == 3 && (v == 0x80 || v == 0x81) &&
	    (w[0] == (uint32_t)user_exit_0x80 || w[0] == (uint32_t)user_exit_0x81))
		leave_user(0);
	if (c.ring == 1 && !c.seen && v == want_vec)
		return expected_trap(vec);
	/* Anything else: report it and stop, the frame cannot be trusted. */
	printf("vector %u from ring %u: unexpected trap %u (word 0x%08x)\n",
	       c.vector, c.ring, v, (unsigned)w[0]);
	hv_crash("unexpected trap");
}

static void run_case(unsigned vector, unsigned ring, uint32_t insn,
		     uint32_t next, uint32_t entry, enum outcome want)
{
	c.vector = vector;
	c.ring = ring;
	c.insn = insn;
	c.next = next;
	c.want = want;
	c.seen = 0;
	c.wrong = NULL;
	current_site = entry;
	if (ring == 1) {
		((void (*)(void))entry)();
	} else {
		exit_by_0x81 = vector == 0x80;
		enter_user(user_run, ustack + sizeof(ustack));
	}
	if (!c.seen)
		c.wrong = "the expected trap never came";
	if (c.wrong) {
		mismatches++;
		printf("vector %u, ring %u: %s\n", vector, ring, c.wrong);
	}
	counts[want]++;
}

static int skipped(unsigned vector, unsigned ring, const struct gate_kind *k)
{
	if (ring == 1 && vector == HV_HYPERCALL_VECTOR)
		return 1;
	return (vector == GP || vector == NP) && !k->present;
}

/* Every vector with gate kind k, from one ring. */
static void sweep(const struct gate_kind *k, unsigned ring)
{
	unsigned v, n = 0;

	counts[0] = counts[1] = counts[2] = 0;
	mismatches = 0;
	for (v = 0; v < 256; v++) {
		uint32_t site = (uint32_t)softint_sites + 4 * v;

		if (skipped(v, ring, k))
			continue;
		/* The handlers the outcomes need, then the gate under test. */
		load_gate(GP, &reporter);
		load_gate(NP, &reporter);
		load_gate(v == 0x80 ? 0x81 : 0x80, &exit_gate);
		load_gate(v, k);
		run_case(v, ring, site, site + 2, site, bare_metal(k, ring));
		load_gate(v, &kinds[0]);
		n++;
	}
	printf("ring %u, %s: %u vectors: %u delivered, %u #GP, %u #NP, %s\n",
	       ring, k->name, n, counts[DELIVER], counts[RAISE_GP],
	       counts[RAISE_NP], mismatches ? "MISMATCHES" : "all as on bare metal");
	check(mismatches == 0, "ring %u, %s: every vector as on bare metal",
	      ring, k->name);
}

/* The one-byte forms: int3 (vector 3) and into with OF set (vector 4). */
static void one_byte_forms(void)
{
	unsigned ring, i;

	mismatches = 0;
	for (ring = 1; ring <= 3; ring += 2)
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			const struct gate_kind *k = &kinds[i];

			load_gate(GP, &reporter);
			load_gate(NP, &reporter);
			load_gate(0x80, &exit_gate);
			load_gate(3, k);
			run_case(3, ring, (uint32_t)site_int3,
				 (uint32_t)site_int3_next, (uint32_t)site_int3,
				 bare_metal(k, ring));
			load_gate(3, &kinds[0]);
			load_gate(4, k);
			run_case(4, ring, (uint32_t)site_into,
				 (uint32_t)site_into_next, (uint32_t)site_into_set,
				 bare_metal(k, ring));
			load_gate(4, &kinds[0]);
		}
	check(mismatches == 0, "int3 and into, both rings, every gate kind: as "
	      "on bare metal");
}

int main(void)
{
	unsigned ring, i;

	hv_set_kernel_stack(kstack + sizeof(kstack), KSTACK_PAGES);
	for (ring = 1; ring <= 3; ring += 2)
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			sweep(&kinds[i], ring);
	one_byte_forms();
	return check_summary();
}
