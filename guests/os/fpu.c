#include "fpu.h"
#include "pv.h"
#include "sched.h"

static struct proc *owner;
static int ts = -1;             /* as last set; -1: not yet */

/* Only a change costs: under the hypervisor it is a call. */
static void set_ts(bool on)
{
	if (ts != on) {
		pv->fpu_ts(on);
		ts = on;
	}
}

void fpu_switch_to(const struct proc *p)
{
	set_ts(p != owner);
}

void fpu_trap(struct proc *p)
{
	set_ts(false);
	if (owner == p)
		return;
	if (owner)
		__asm__ volatile("fnsave %0" : "=m"(owner->fpu));
	if (p->fpu_used) {
		__asm__ volatile("frstor %0" :: "m"(p->fpu));
	} else {
		__asm__ volatile("fninit");
		p->fpu_used = true;
	}
	owner = p;
}

void fpu_copy(struct proc *child, const struct proc *parent)
{
	if (!parent->fpu_used)
		return;
	/* The parent's state is in the FPU, not saved: FNSAVE takes it (and
	 * resets the FPU), FRSTOR puts it back. */
	if (owner == parent)
		__asm__ volatile("fnsave %0; frstor %0" : "+m"(child->fpu));
	else
		__builtin_memcpy(child->fpu, parent->fpu, FPU_STATE_SIZE);
	child->fpu_used = true;
}

void fpu_forget(const struct proc *p)
{
	if (owner == p)
		owner = NULL;
}
