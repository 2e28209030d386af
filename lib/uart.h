/*
 * Programming a 16550 UART for 8N1 at a given speed, with its FIFOs on:
 * the hypervisor's console (lib/console.c) and the OS's native one
 * (guests/os) both start here.
 */
#ifndef LIB_UART_H
#define LIB_UART_H

#include <x86/io.h>
#include <x86/uart.h>

/* mcr: UART_MCR_* lines to raise (OUT2 gates a PC's UART interrupt). */
static inline void uart_setup(uint16_t base, uint32_t baud, uint8_t mcr)
{
	uint16_t divisor = (uint16_t)(UART_CLOCK_HZ / 16 / baud);

	outb(base + UART_IER, 0);
	outb(base + UART_LCR, UART_LCR_DLAB);
	outb(base + UART_DLL, divisor & 0xFF);
	outb(base + UART_DLM, divisor >> 8);
	outb(base + UART_LCR, UART_LCR_8N1);
	outb(base + UART_FCR, UART_FCR_ENABLE);
	outb(base + UART_MCR, mcr);
}

#endif
