#ifndef HV_TRAP_H
#define HV_TRAP_H

#include <types.h>

/* What trap_entry.S leaves on the stack, lowest address first. */
struct trap_frame {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;           /* pushed only on a privilege change */
};

typedef void (*irq_handler_t)(struct trap_frame *tf);

void trap_dispatch(struct trap_frame *tf);
void trap_set_handler(unsigned vector, irq_handler_t handler);
const char *trap_name(unsigned vector);

/* Entry of the double-fault task (a task gate in the IDT). */
NORETURN void double_fault_task(void);

#endif
