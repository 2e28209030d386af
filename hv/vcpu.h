/*
 * Guests with several virtual CPUs ("vcpus=N" on the module line).
 *
 * Each virtual CPU is a struct guest of its own (guest.h), in consecutive
 * slots of guests[]: its registers, descriptor tables, shared page, kernel
 * stack, timer, virtual interrupts, FPU state, home CPU and shadow tables
 * are its alone, so everything guest.h says about who touches what holds
 * per vCPU. What the vCPUs of one guest share is its memory and its fate:
 *
 *  - vCPU 0 is the one booted from the image. The others wait, offline,
 *    until a vCPU starts them (HV_CALL_START_VCPU), once each.
 *  - The guest ends as a whole: a kill or a shutdown on any vCPU is
 *    recorded on vCPU 0 (its state, end reason and status are the guest's)
 *    and then stops every other vCPU, kicking the CPU each runs on.
 *  - The memory belongs to vCPU 0's slot and goes back only when the last
 *    vCPU is released, and a vCPU is only released by its home CPU once it
 *    has left the guest: no CPU can still be running on a freed frame.
 *
 * Shadow tables are per vCPU, so no two CPUs ever walk or change the same
 * one, and each holds its own CPU's switcher pages in its top slot. They
 * follow one set of guest tables like this: a page-table call (SET_PTE,
 * SET_PMD, SET_PGD) changes the caller's shadow at once and posts the
 * change to every sibling (vcpu_tell_siblings). A sibling applies what was
 * posted to it just before it next enters the guest, after the interrupts
 * of that entry are chosen (vcpu_catch_up). So a sibling that runs on may
 * use an old translation for a while, as a CPU's TLB may; but a virtual
 * interrupt sent after the change (HV_CALL_SEND_IPI) is only taken with
 * the change applied, which is all a guest's TLB shoot-down needs. A TLB
 * flush is the caller's own, as on hardware. None of this can give a guest
 * anything but its own frames: its memory never changes while any vCPU
 * lives, and a shadow's tables are only freed by its own home CPU.
 */
#ifndef HV_VCPU_H
#define HV_VCPU_H

#include <types.h>

#define VCPU_NEWS_MAX       16      /* then a sibling drops every mapping */

struct guest;

/* One page-table change for a sibling to follow. */
struct pt_news {
	uint64_t root;              /* the guest table it happened under */
	uint64_t span;              /* 0: one page's entry; else a directory's */
	uint32_t gva;
};

/* What siblings posted and this vCPU has not applied (its guest lock). */
struct pt_inbox {
	unsigned n;
	bool overflowed;            /* more than VCPU_NEWS_MAX: flush instead */
	struct pt_news news[VCPU_NEWS_MAX];
};

/* vCPU 0 of g's guest: where the guest's memory, name and fate live. */
struct guest *vcpu_first(const struct guest *g);

/* g's sibling vCPU k (k < g->nvcpus). */
struct guest *vcpu_sibling(const struct guest *g, unsigned k);

/*
 * At load: gives vCPU 0 (loaded, not yet counted in nguests) n - 1
 * offline siblings in the next slots of guests[], each with its own
 * shadow quota, spread over the CPUs or pinned from cpu on (-1: spread).
 * NULL, or why not (err holds the text), with nothing kept.
 */
const char *vcpus_add(struct guest *v0, unsigned n, int cpu, char *err,
		      size_t errlen);

/*
 * After vCPU 0 took state (killed or shut down): every other vCPU of its
 * guest takes it too, and the CPU each is on is kicked to stop it now.
 */
void vcpus_stop_siblings(struct guest *v0, unsigned state);

/*
 * Whether halted vCPU g has nothing of its own that could wake it: no
 * timer, no interrupt pending, no console input it reads (its lock held).
 */
bool vcpu_asleep_for_good(const struct guest *g);

/*
 * After g halted for good: whether every sibling has too, or is offline
 * with no start on the way, so nothing can ever wake the guest. The
 * siblings are looked at one at a time, so a wake-up (a raise or a start,
 * counted in vCPU 0's wakeups) during the look makes the answer no; the
 * last vCPU to halt then looks again. Each marks its halt under its lock
 * before it looks, so of two halting at once at least one sees the other.
 */
bool vcpus_all_asleep(struct guest *g);

/*
 * On release: whether g was the last vCPU of its guest still holding
 * anything, so the guest's memory goes now.
 */
bool vcpu_last_out(struct guest *g);

/*
 * A change to the guest's tables under root, for g's own shadow: the
 * entry for gva (span 0), or a directory's span bytes around it. NULL or
 * why the guest must die.
 */
const char *vcpu_apply_change(struct guest *g, uint64_t root, uint32_t gva,
			      uint64_t span);

/* After g's page-table call changed its shadow: its siblings follow. */
void vcpu_tell_siblings(struct guest *g, uint64_t root, uint32_t gva,
			uint64_t span);

/*
 * On g's home CPU, before anything runs for a vCPU just started: it gets
 * the shared page and the address space its starter gave it. May kill.
 */
void vcpu_come_online(struct guest *g);

/*
 * On g's home CPU, just before it enters: g applies what its siblings
 * posted. May kill the guest (a change its own call would be killed for).
 */
void vcpu_catch_up(struct guest *g);

#endif
