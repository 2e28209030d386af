/* 16550 UART registers, as offsets from the port base. */
#ifndef X86_UART_H
#define X86_UART_H

#define COM1_BASE       0x3F8
#define UART_CLOCK_HZ   1843200u        /* divisor = clock / 16 / baud */

#define UART_DATA       0   /* receive/transmit (DLAB=0) */
#define UART_IER        1   /* interrupt enable (DLAB=0) */
#define UART_DLL        0   /* divisor latch low (DLAB=1) */
#define UART_DLM        1   /* divisor latch high (DLAB=1) */
#define UART_FCR        2   /* FIFO control (write) */
#define UART_IIR        2   /* interrupt identification (read) */
#define UART_LCR        3
#define UART_MCR        4
#define UART_LSR        5
#define UART_SCR        7

#define UART_IER_RDA    0x01    /* interrupt when received data is available */
#define UART_IER_THRE   0x02    /* interrupt when THR empties */
#define UART_IIR_FIFO   0xC0    /* both set: the 16-byte FIFO is on */
#define UART_FIFO_SIZE  16
#define UART_LCR_8N1    0x03
#define UART_LCR_DLAB   0x80
#define UART_FCR_ENABLE 0x07    /* enable and clear both FIFOs */
#define UART_MCR_DTR_RTS 0x03
#define UART_MCR_OUT2   0x08    /* on a PC, gates the UART's IRQ line */
#define COM1_IRQ        4
#define UART_LSR_DR     0x01    /* a received byte is waiting */
#define UART_LSR_THRE   0x20    /* transmit holding register empty */
#define UART_LSR_ABSENT 0xFF    /* what a missing UART's status reads as */
#define UART_LSR_TEMT   0x40    /* transmitter empty: the last byte is out */

#endif
