/*
 * smp-ring: a guest with several vCPUs ("vcpus=4") on one set of page
 * tables, all editing them at once while every read is checked:
 *
 *  - a token goes round the vCPUs by virtual interrupt (SEND_IPI). Before
 *    passing it, the holder maps the public window to a frame holding the
 *    hop's number; the receiver reads the window and must see that frame:
 *    a page-table change made before an IPI is in force when it arrives,
 *    though every vCPU reads the window all along (so its old translation
 *    is in every shadow).
 *  - meanwhile each vCPU remaps a private window of its own between two
 *    frames, over and over, reading through it after each SET_PTE;
 *  - vCPU 1 flips a window between two frames while vCPUs 2 and up read
 *    it, faulting as their shadows follow: every read gives one frame's
 *    value, never anything else.
 *
 * vCPU 0 reports once all are done (newlib is not for several vCPUs).
 */
#include <stdio.h>
#include "hv.h"
#include "paging.h"
#include "spinlock.h"

#define KERNEL_VA       0xC0000000u
#define PRIVATE_VA(k)   (0x40000000u + (k) * 0x1000u)
#define PUBLIC_VA       0x40800000u     /* each window its own table */
#define FLIP_VA         0x40C00000u
#define STEPS           300     /* private remaps per vCPU */
#define HOPS            41      /* token passes: ten laps of four, and one */
#define HOP_FRAMES      3
#define IRQ_TOKEN       HV_IRQ_IPI_FIRST
#define IRQ_WAKE        (HV_IRQ_IPI_FIRST + 1)
#define FLIP_A          0xF11A0000u
#define FLIP_B          0xF11B0000u

struct vcpu_result {
	unsigned steps, private_bad, tokens, token_bad, flip_reads, flip_bad;
	int ran_on_vcpu;
};

static unsigned nvcpus;
static uint32_t root;
static uint32_t private_frame[HV_MAX_VCPUS][2], hop_frame[HOP_FRAMES];
static uint32_t flip_frame[2];
static volatile unsigned hop, done, finished;
static volatile int has_token[HV_MAX_VCPUS];
static struct vcpu_result result[HV_MAX_VCPUS];
static struct spinlock finish_lock;

static volatile uint32_t *at(uint32_t va)
{
	return (volatile uint32_t *)va;
}

static uint32_t marker(unsigned k, unsigned which)
{
	return 0x5A000000u | k << 16 | which;
}

static void on_token(struct trap_regs *regs)
{
	(void)regs;
	has_token[hv_vcpu_self()] = 1;
}

static void on_wake(struct trap_regs *regs)
{
	(void)regs;
}

/* Halts until an interrupt makes ready(k) true. No wake-up is lost:
 * hv_halt_irq enables interrupts and halts in one step. */
static void wait_until(int (*ready)(unsigned k), unsigned k)
{
	irq_disable();
	while (!ready(k)) {
		hv_halt_irq();
		irq_disable();
	}
	irq_enable();
}

static int token_or_done(unsigned k)
{
	return has_token[k] || done;
}

static int all_finished(unsigned k)
{
	(void)k;
	return finished == nvcpus;
}

/* Holding the token: check what the public window shows, pass it on. */
static void take_token(unsigned k)
{
	struct vcpu_result *r = &result[k];
	uint32_t next_frame;

	if (!has_token[k])
		return;
	has_token[k] = 0;
	r->tokens++;
	if (*at(PUBLIC_VA) != 0x70000000u + hop)
		r->token_bad++;
	if (hop == HOPS) {
		done = 1;
		for (unsigned j = 0; j < nvcpus; j++)
			if (j != k)
				hv_send_ipi(j, IRQ_WAKE);
		return;
	}
	hop++;
	next_frame = hop_frame[hop % HOP_FRAMES];
	*at(next_frame) = 0x70000000u + hop;
	pt_map(root, PUBLIC_VA, next_frame, PTE_W);
	hv_send_ipi((k + 1) % nvcpus, IRQ_TOKEN);
}

/* One private remap, checked; and the flipping window's part. */
static void step(unsigned k, unsigned i)
{
	struct vcpu_result *r = &result[k];
	uint32_t v;

	pt_map(root, PRIVATE_VA(k), private_frame[k][i & 1], PTE_W);
	if (*at(PRIVATE_VA(k)) != marker(k, i & 1))
		r->private_bad++;
	r->steps++;
	(void)*at(PUBLIC_VA);       /* its translation stays in our shadow */
	if (k == 1) {
		pt_map(root, FLIP_VA, flip_frame[i & 1], PTE_W);
	} else if (k >= 2) {
		v = *at(FLIP_VA);
		r->flip_reads++;
		if (v != FLIP_A && v != FLIP_B)
			r->flip_bad++;
	}
}

static void work(unsigned k)
{
	unsigned i;

	result[k].ran_on_vcpu = (int)hv_vcpu();
	irq_enable();
	for (i = 0; i < STEPS; i++) {
		step(k, i);
		take_token(k);
	}
	while (!done) {
		wait_until(token_or_done, k);
		take_token(k);
	}
	spin_lock(&finish_lock);
	finished++;
	spin_unlock(&finish_lock);
	if (k)
		hv_send_ipi(0, IRQ_WAKE);
}

/* Everything mapped before any vCPU starts: later edits allocate nothing. */
static void set_up(void)
{
	unsigned k, w;

	root = pt_new_root();
	pt_identity(root, 0x1000, hv_boot->mem_bytes, PTE_W);
	pt_set(root, KERNEL_VA, 0x1000 | PTE_P | PTE_W, 0);
	for (k = 0; k < nvcpus; k++)
		for (w = 0; w < 2; w++) {
			private_frame[k][w] = pt_alloc_page();
			*at(private_frame[k][w]) = marker(k, w);
		}
	for (w = 0; w < HOP_FRAMES; w++)
		hop_frame[w] = pt_alloc_page();
	for (w = 0; w < 2; w++)
		flip_frame[w] = pt_alloc_page();
	*at(flip_frame[0]) = FLIP_A;
	*at(flip_frame[1]) = FLIP_B;
	*at(hop_frame[0]) = 0x70000000u;
	pt_set(root, PUBLIC_VA, hop_frame[0] | PTE_P | PTE_W, 0);
	pt_set(root, FLIP_VA, flip_frame[0] | PTE_P | PTE_W, 0);
	for (k = 0; k < nvcpus; k++)
		pt_set(root, PRIVATE_VA(k), private_frame[k][0] | PTE_P | PTE_W, 0);
	pt_switch(root);
	trap_install(HV_IRQ_VECTOR_BASE + IRQ_TOKEN, on_token, 0, 0);
	trap_install(HV_IRQ_VECTOR_BASE + IRQ_WAKE, on_wake, 0, 0);
}

static void report(void)
{
	unsigned k;

	for (k = 0; k < nvcpus; k++) {
		const struct vcpu_result *r = &result[k];

		check(r->ran_on_vcpu == (int)k, "vCPU %u: WHERE says vCPU %d", k,
		      r->ran_on_vcpu);
		check(r->steps == STEPS && !r->private_bad,
		      "vCPU %u: %u private remaps, every read through the new "
		      "mapping (%u wrong)", k, r->steps, r->private_bad);
		check(!r->token_bad, "vCPU %u: held the token %u times, the "
		      "public window right each time (%u wrong)", k, r->tokens,
		      r->token_bad);
		if (k >= 2)
			check(r->flip_reads == STEPS && !r->flip_bad,
			      "vCPU %u: %u reads of the flipping window, each one "
			      "of its two frames (%u not)", k, r->flip_reads,
			      r->flip_bad);
	}
	check(hop == HOPS, "the token went %u hops round %u vCPUs", hop, nvcpus);
}

int main(void)
{
	unsigned k;

	nvcpus = hv_vcpus();
	printf("%u vCPUs\n", nvcpus);
	if (nvcpus < 3) {
		check(0, "smp-ring needs vcpus=3 or more");
		return check_summary();
	}
	set_up();
	for (k = 1; k < nvcpus; k++)
		hv_vcpu_start(k, work);
	has_token[0] = 1;           /* hop 0: the window shows hop_frame[0] */
	work(0);
	wait_until(all_finished, 0);
	report();
	return check_summary();
}
