#ifndef HV_TRAP_H
#define HV_TRAP_H

#include <types.h>
#include <trap_frame.h>

typedef void (*irq_handler_t)(struct trap_frame *tf);

void trap_dispatch(struct trap_frame *tf);
void trap_set_handler(unsigned vector, irq_handler_t handler);
const char *trap_name(unsigned vector);

/* Entry of the double-fault task (a task gate in the IDT). */
NORETURN void double_fault_task(void);

#endif
