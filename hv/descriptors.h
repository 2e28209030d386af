/*
 * Checking what guests put in their GDT and IDT. Pure functions: the
 * hypervisor applies them to each guest, the host tests to tables of cases.
 */
#ifndef HV_DESCRIPTORS_H
#define HV_DESCRIPTORS_H

#include <types.h>
#include <x86/desc.h>
#include <guests/abi.h>
#include "trap.h"

/*
 * Checks a GDT descriptor a guest wants to install and adjusts it: DPL 0
 * becomes 1 (the guest kernel's ring) and the accessed bit is set, so that
 * the CPU never writes to the read-only GDT copy. An all-zero descriptor
 * removes the entry. Returns NULL, or why the descriptor is refused.
 */
const char *gdt_entry_check(struct desc *d);

/*
 * Keeps a checked segment below top (the switcher's reserve): the limit is
 * cut so that base + limit < top. Expand-down data segments, which reach
 * the top of the address space by design, and bases at or above top are
 * refused. Ring 1 is a supervisor ring to the paging hardware, so segment
 * limits are what keep the guest kernel off the switcher's pages.
 */
const char *segment_confine(struct desc *d, uint32_t top);

/* Whether a guest may set GDT entry index: not the hypervisor's, the TSS's
 * or the double-fault task's. */
bool gdt_index_settable(unsigned index);

/*
 * After a GDT change: if CS or SS no longer names a usable segment, returns
 * why the guest must die; other segment registers whose entry went away are
 * zeroed. regs are the guest's saved registers.
 */
const char *segments_revalidate(const struct desc *gdt, unsigned entries,
				struct trap_frame *regs);

/* Whether ss names a writable ring-1 data segment: a kernel stack. */
bool kernel_stack_segment_ok(const struct desc *gdt, unsigned entries,
			     uint32_t ss);

/*
 * Checks an IDT entry a guest loads: empty (not present) or an interrupt
 * or trap gate. Returns NULL or why it is refused.
 */
const char *idt_entry_check(unsigned vector, const struct desc *g);

/* Whether sel names a ring-1 code segment: what a guest gate must use. */
bool gate_selector_ok(const struct desc *gdt, unsigned entries, uint32_t sel);

/*
 * Whether the gate's offset lies within its code segment (whose selector
 * must be good too). Guest code segments end below the switcher's
 * reserve, so a handler there could never be reached: without this check
 * an emulator that ignores segment limits would run the switcher's code in
 * ring 1. Checked when the gate is loaded and again when it is used.
 */
bool gate_offset_ok(const struct desc *gdt, unsigned entries, struct desc gate);

/*
 * The base and the D bit (32-bit default operand size) of the code segment
 * sel names; false if it names none.
 */
bool code_segment_of(const struct desc *gdt, unsigned entries, uint32_t sel,
		     uint32_t *base, bool *code32);

/*
 * The base and the B bit (32-bit stack pointer) of the data segment sel
 * names, the one pushes on an SS of sel go through; false if it names
 * none.
 */
bool stack_segment_of(const struct desc *gdt, unsigned entries, uint32_t sel,
		      uint32_t *base, bool *big);

/* Whether offset is within the limit of the present segment sel names. */
bool within_segment(const struct desc *gdt, unsigned entries, uint32_t sel,
		    uint32_t offset);

/*
 * Whether the gate for vector can go straight into the CPU's IDT, so the
 * CPU delivers it to the guest without an exit: a present trap gate for a
 * vector the hypervisor does not need to see.
 */
bool idt_entry_direct(unsigned vector, const struct desc *g);

#endif
