/*
 * The serial console's transmit interrupt: COM1's IRQ through the 8259A
 * (and the local APIC's virtual wire). Each interrupt gives the UART the
 * next FIFO's worth of the console queue (lib/console.h). Should it never
 * come (a board that routes the line elsewhere), the run loop's own
 * console_pump() calls still empty the queue, only more slowly.
 */
#ifndef HV_SERIAL_IRQ_H
#define HV_SERIAL_IRQ_H

/* Installs the handler and switches the console to buffered output. */
void serial_irq_init(void);

#endif
