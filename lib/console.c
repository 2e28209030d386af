#include <x86/io.h>
#include <x86/uart.h>
#include "console.h"
#include "fmt.h"
#include "spinlock.h"

#define BAUD 115200u

static struct spinlock console_lock;

void console_init(void)
{
	uint16_t divisor = UART_CLOCK_HZ / 16 / BAUD;

	outb(COM1_BASE + UART_IER, 0);
	outb(COM1_BASE + UART_LCR, UART_LCR_DLAB);
	outb(COM1_BASE + UART_DLL, divisor & 0xFF);
	outb(COM1_BASE + UART_DLM, divisor >> 8);
	outb(COM1_BASE + UART_LCR, UART_LCR_8N1);
	outb(COM1_BASE + UART_FCR, UART_FCR_ENABLE);
	outb(COM1_BASE + UART_MCR, UART_MCR_DTR_RTS);
}

static void uart_putc(char c)
{
	/* A missing UART reads as all ones, which also ends this loop. */
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE))
		cpu_relax();
	outb(COM1_BASE + UART_DATA, (uint8_t)c);
}

static void console_sink(void *ctx, const char *s, size_t len)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

void console_write(const char *s, size_t len)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	console_sink(NULL, s, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

void kvprintf(const char *fmt, va_list ap)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	fmt_vformat(console_sink, NULL, fmt, ap);
	spin_unlock_irqrestore(&console_lock, flags);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void console_break_lock(void)
{
	spin_unlock(&console_lock);
}
