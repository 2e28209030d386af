#include <x86/cr.h>
#include <x86/io.h>
#include <lib/percpu.h>
#include "cpu.h"
#include "fpu.h"
#include "guest.h"

/* Whose state the FPU registers hold, per CPU. */
static struct guest *owner[MAX_CPUS];
static bool use_fxsave;
static uint8_t clean_state[FPU_STATE_SIZE] ALIGNED(16);

static void save(uint8_t *area)
{
	if (use_fxsave)
		__asm__ volatile("fxsave %0" : "=m"(*(uint8_t (*)[512])area));
	else
		__asm__ volatile("fnsave %0; fwait" : "=m"(*(uint8_t (*)[108])area));
}

static void restore(const uint8_t *area)
{
	if (use_fxsave)
		__asm__ volatile("fxrstor %0" : : "m"(*(const uint8_t (*)[512])area));
	else
		__asm__ volatile("frstor %0" : : "m"(*(const uint8_t (*)[108])area));
}

/* Leaves TS clear: the caller sets it once done with the registers. */
static void setup_this_cpu(void)
{
	uint32_t cr0 = read_cr0();

	if (use_fxsave)
		write_cr4(read_cr4() | CR4_OSFXSR);
	/* MP: wait honours TS; NE: FPU errors as #MF, not the old IRQ 13. */
	write_cr0((cr0 & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	__asm__ volatile("fninit");
}

void fpu_init(void)
{
	use_fxsave = cpu_features.fxsr;
	setup_this_cpu();
	save(clean_state);
	write_cr0(read_cr0() | CR0_TS);
}

void fpu_cpu_init(void)
{
	setup_this_cpu();
	write_cr0(read_cr0() | CR0_TS);
}

void fpu_guest_init(struct guest *g)
{
	__builtin_memcpy(g->fpu_state, clean_state, sizeof(clean_state));
}

void fpu_before_entry(struct guest *g)
{
	uint32_t cr0 = read_cr0();
	bool ts = owner[this_cpu()->index] != g || g->guest_ts;

	if (ts && !(cr0 & CR0_TS))
		write_cr0(cr0 | CR0_TS);
	else if (!ts && (cr0 & CR0_TS))
		__asm__ volatile("clts");
}

bool fpu_trap(struct guest *g)
{
	if (g->guest_ts)
		return false;
	struct guest **mine = &owner[this_cpu()->index];

	__asm__ volatile("clts");
	if (*mine != g) {
		if (*mine)
			save((*mine)->fpu_state);
		restore(g->fpu_state);
		*mine = g;
	}
	g->fpu_used = true;
	return true;
}

void fpu_leave_cpu(struct guest *g)
{
	struct guest **mine = &owner[this_cpu()->index];

	if (*mine != g)
		return;
	__asm__ volatile("clts");
	save(g->fpu_state);
	*mine = NULL;
	write_cr0(read_cr0() | CR0_TS);
}

void fpu_guest_gone(struct guest *g)
{
	unsigned cpu;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (owner[cpu] == g)
			owner[cpu] = NULL;
}
