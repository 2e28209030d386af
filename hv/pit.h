/* The legacy PIT and 8259A interrupt controllers. */
#ifndef HV_PIT_H
#define HV_PIT_H

#include <types.h>

/* Moves the PIC's vectors off the exceptions and masks every line. */
void pic_init(void);
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);

/* Busy-waits for the given number of PIT ticks using channel 2. */
void pit_start_wait(uint16_t ticks);
bool pit_wait_done(void);

/* Channel 0 as a periodic interrupt source at about hz. */
void pit_periodic(unsigned hz);

#endif
