/*
 * evil-idt breaks the IDT rules with HV_CALL_LOAD_IDT_ENTRY: a present
 * entry must be an interrupt or trap gate (type 0xE/0xF) with a ring-1 code
 * selector, for a vector below 256. Its argument picks the entry:
 *   task    a task gate (type 5) for vector 0x80, naming the TSS
 *   call    a call gate (type 0xC) for vector 0x80
 *   vector  a good trap gate for vector 256
 *   ring0   a trap gate for vector 6 (#UD) whose selector is the
 *           hypervisor's ring-0 code segment (0x08). Vector 6 is not
 *           intercepted, so if the gate is accepted the CPU runs the
 *           guest's handler in ring 0; the guest then says so and crashes.
 *   reserve a trap gate for vector 6 whose offset (0xfffff000) is in the
 *           switcher's reserve, past the limit of every guest code segment
 *   limit   a trap gate for vector 6 at offset 0x200000 in a code segment
 *           of its own (GDT entry 20), accepted; then the segment shrinks
 *           to 2 MiB, so the offset is past its limit when #UD comes
 */
#include <stdio.h>
#include <string.h>
#include "hv.h"

#define GATE_P          0x8000u
#define GATE_DPL3       0x6000u
#define TYPE_TASK       0x0500u
#define TYPE_CALL       0x0C00u
#define TYPE_TRAP       0x0F00u
#define SEL_TSS         (HV_GDT_TSS << 3)
#define SEL_HV_CODE     0x08u           /* GDT entry 1: ring 0 */
#define OWN_CODE        20u             /* a GDT entry for "limit" */
#define SEL_OWN_CODE    ((OWN_CODE << 3) | 1u)

/* In ring0.S: a #UD handler that records its CS and skips the ud2. */
extern char ring0_handler[];
extern volatile uint32_t ring0_handler_cs;

static void gate(unsigned vector, uint32_t sel, uint32_t off, uint32_t type)
{
	hcall(HV_CALL_LOAD_IDT_ENTRY, vector, sel << 16 | (off & 0xFFFF),
	      (off & 0xFFFF0000u) | GATE_P | GATE_DPL3 | type, 0);
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	uint32_t handler = (uint32_t)ring0_handler;

	if (strcmp(how, "task") == 0) {
		gate(0x80, SEL_TSS, 0, TYPE_TASK);
	} else if (strcmp(how, "call") == 0) {
		gate(0x80, HV_SEL_KERNEL_CODE, handler, TYPE_CALL);
	} else if (strcmp(how, "vector") == 0) {
		gate(256, HV_SEL_KERNEL_CODE, handler, TYPE_TRAP);
	} else if (strcmp(how, "ring0") == 0) {
		/* Map the variable's page now: a page fault in ring 0 would
		 * confuse the hypervisor instead of showing the problem. */
		ring0_handler_cs = 0;
		gate(6, SEL_HV_CODE, handler, TYPE_TRAP);
		__asm__ volatile("ud2" ::: "memory");
		printf("its #UD handler ran with cs 0x%x (ring %u)\n",
		       ring0_handler_cs, ring0_handler_cs & 3);
		hv_crash("ran its own code in ring 0");
	} else if (strcmp(how, "reserve") == 0) {
		gate(6, HV_SEL_KERNEL_CODE, 0xFFFFF000u, TYPE_TRAP);
	} else if (strcmp(how, "limit") == 0) {
		/* Ring-1 code: 4 GiB (cut below the switcher), then 2 MiB. */
		hcall(HV_CALL_LOAD_GDT_ENTRY, OWN_CODE, 0x0000FFFFu, 0x00CFBA00u, 0);
		gate(6, SEL_OWN_CODE, 0x200000u, TYPE_TRAP);
		printf("gate at 0x200000 in a 4 GiB segment: accepted\n");
		hcall(HV_CALL_LOAD_GDT_ENTRY, OWN_CODE, 0x000001FFu, 0x00C0BA00u, 0);
		__asm__ volatile("ud2" ::: "memory");
		hv_crash("its #UD handler ran past its segment's limit");
	} else {
		hv_crash("unknown variant");
	}
	hv_crash("still alive after loading a bad IDT entry");
}
