/*
 * Data segments that reach all of 4 GiB, for ring 3.
 *
 * Every guest segment ends below the switcher's reserve (segment_confine):
 * ring 1 is a supervisor ring to the paging hardware, so only segment
 * limits keep the guest kernel off the switcher. A user program may count
 * on a flat segment wrapping around 4 GiB, though: i386 glibc reaches its
 * static TLS at negative offsets from %gs (Xen's 32-bit guests met the
 * same wall and shipped a "nosegneg" libc). On a CPU that checks limits
 * (hardware, Bochs) each such access raises #GP(0).
 *
 * At CPL 3 paging alone keeps the reserve out of reach (its pages are
 * supervisor pages), so the access may go through. On #GP(0) from ring 3,
 * when a data segment register names a GDT entry of DPL 3 whose limit was
 * cut, the hypervisor runs that one instruction again with those entries
 * as the guest asked for them, single-stepped (TF) and with no direct trap
 * gate, so that the guest kernel can never run while they are loaded:
 * the step's #DB, or any other exit, puts the cut entries back.
 */
#ifndef HV_SEGWRAP_H
#define HV_SEGWRAP_H

#include <stdbool.h>
#include <x86/desc.h>

struct guest;

/* Remembers entry index as asked for (asked) and as installed (cut). */
void segwrap_record(struct guest *g, unsigned index, struct desc asked,
		    struct desc cut);

/* On #GP(0): true when it set up the step (the guest just runs again). */
bool segwrap_begin(struct guest *g);

/*
 * On every exit but a host interrupt: ends a step in progress. True when
 * the exit was the step's own #DB and nothing more is to be done.
 * *stepped says whether a step was in progress.
 */
bool segwrap_end(struct guest *g, unsigned vector, bool *stepped);

/* GDT entry index as the CPU is to see it now. */
struct desc segwrap_entry(const struct guest *g, unsigned index);

/* Whether direct trap gates may be in the CPU's IDT now. */
bool segwrap_direct_ok(const struct guest *g);

#endif
