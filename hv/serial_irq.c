#include <x86/io.h>
#include <x86/uart.h>
#include <lib/console.h>
#include "console_input.h"
#include "guest.h"
#include "pit.h"
#include "serial_irq.h"
#include "trap.h"
#include "vectors.h"

static void serial_irq(struct trap_frame *tf)
{
	(void)tf;
	inb(COM1_BASE + UART_IIR);      /* reading it acknowledges THRE */
	console_input_poll();           /* reading the data acknowledges RDA */
	console_pump();
	run_console_drained();          /* the other CPUs' guests may go on */
	console_irq_rearm();
	pic_eoi(COM1_IRQ);
}

void serial_irq_init(void)
{
	trap_set_handler(VEC_PIC_BASE + COM1_IRQ, serial_irq);
	pic_unmask(COM1_IRQ);
	console_set_buffered(true);
	console_input_start();
}
