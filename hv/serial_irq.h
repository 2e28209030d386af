/*
 * The serial console's interrupt: COM1's IRQ through the 8259A (and the
 * local APIC's virtual wire). Each interrupt routes the bytes received
 * (console_input.h) and gives the UART the next FIFO's worth of the
 * console queue (lib/console.h). Should it never come (a board that
 * routes the line elsewhere), the run loop's own console_pump() calls
 * still empty the queue, only more slowly, and there is no input.
 */
#ifndef HV_SERIAL_IRQ_H
#define HV_SERIAL_IRQ_H

/* Installs the handler, switches the console to buffered output, starts input. */
void serial_irq_init(void);

#endif
