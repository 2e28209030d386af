#include <x86/io.h>
#include <x86/pit.h>
#include "pit.h"
#include "vectors.h"

void pic_init(void)
{
	outb(PIC1_CMD, PIC_ICW1_INIT);
	outb(PIC2_CMD, PIC_ICW1_INIT);
	outb(PIC1_DATA, VEC_PIC_BASE);
	outb(PIC2_DATA, VEC_PIC_BASE + 8);
	outb(PIC1_DATA, 1u << PIC_CASCADE_IRQ);
	outb(PIC2_DATA, PIC_CASCADE_IRQ);
	outb(PIC1_DATA, PIC_ICW4_8086);
	outb(PIC2_DATA, PIC_ICW4_8086);
	outb(PIC1_DATA, 0xFF);
	outb(PIC2_DATA, 0xFF);
}

void pic_unmask(unsigned irq)
{
	uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & (uint8_t)~(1u << (irq % 8)));
	if (irq >= 8)
		pic_unmask(PIC_CASCADE_IRQ);
}

void pic_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

void pit_start_wait(uint16_t ticks)
{
	uint8_t ctl = inb(PORT_SYSCTL_B) & (uint8_t)~(SYSCTL_B_SPEAKER |
						       SYSCTL_B_CH2_GATE);

	/* Gate low while programming; counting starts when it goes high. */
	outb(PORT_SYSCTL_B, ctl);
	outb(PIT_CMD, PIT_CMD_CH2 | PIT_CMD_LOHI | PIT_CMD_MODE0);
	outb(PIT_CH2, ticks & 0xFF);
	outb(PIT_CH2, ticks >> 8);
	outb(PORT_SYSCTL_B, ctl | SYSCTL_B_CH2_GATE);
}

bool pit_wait_done(void)
{
	return (inb(PORT_SYSCTL_B) & SYSCTL_B_CH2_OUT) != 0;
}

void pit_periodic(unsigned hz)
{
	uint32_t divisor = PIT_HZ / hz;

	outb(PIT_CMD, PIT_CMD_CH0 | PIT_CMD_LOHI | PIT_CMD_MODE2);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, (divisor >> 8) & 0xFF);
}
