#include <x86/io.h>
#include <x86/uart.h>
#include <x86/vga.h>
#include "console.h"
#include "fmt.h"
#include "screen.h"
#include "spinlock.h"
#include "txring.h"
#include "uart.h"

#define BAUD            115200u
/* Kept free for the hypervisor's own lines, whatever the guests queue. */
#define HV_RESERVE      8192u

static struct spinlock console_lock = SPINLOCK_RANKED(LOCK_RANK_CONSOLE);
static struct txring tx;
static unsigned tx_burst = 1;           /* bytes the UART takes at once */
static bool buffered;
static bool thre_irq_on, input_on;
static bool serial_on = true;

/*
 * The screen (screen.h), once the boot information has said whether
 * there is one; until then what is written is also kept in the early
 * record, to be shown first.
 */
#define EARLY_SIZE      4096u
static struct screen screen;
static bool screen_known;
static char early[EARLY_SIZE];
static size_t early_len;

/* The hypervisor's own lines in grey, each guest's in a colour of its own. */
static const uint8_t owner_colours[] = {
	VGA_LIGHT_GREEN, VGA_LIGHT_CYAN, VGA_YELLOW, VGA_LIGHT_MAGENTA,
	VGA_LIGHT_BLUE, VGA_LIGHT_RED, VGA_WHITE, VGA_GREEN,
};

static uint8_t owner_attr(unsigned owner)
{
	uint8_t fg = owner == CONSOLE_OWNER_HV ? VGA_LIGHT_GREY :
		     owner_colours[(owner - 1) % sizeof(owner_colours)];

	return VGA_ATTR(fg, VGA_BLACK);
}

static void show_locked(unsigned owner, const char *s, size_t len)
{
	size_t n;

	if (screen_known) {
		screen_write(&screen, s, len, owner_attr(owner));
		return;
	}
	n = len < EARLY_SIZE - early_len ? len : EARLY_SIZE - early_len;
	__builtin_memcpy(early + early_len, s, n);
	early_len += n;
}

void console_init(void)
{
	uart_setup(COM1_BASE, BAUD, UART_MCR_DTR_RTS | UART_MCR_OUT2);
	/* Without a working FIFO (an 8250, or no UART) one byte at a time. */
	if ((inb(COM1_BASE + UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO)
		tx_burst = UART_FIFO_SIZE;
}

static void write_ier(void)
{
	outb(COM1_BASE + UART_IER, (thre_irq_on ? UART_IER_THRE : 0) |
				   (input_on ? UART_IER_RDA : 0));
}

static void set_thre_irq(bool on)
{
	if (on != thre_irq_on) {
		thre_irq_on = on;
		write_ier();
	}
}

/*
 * With THRE set the transmitter holds nothing waiting, so a FIFO's worth
 * fits. A missing UART reads as all ones: it always looks ready.
 */
static void pump_locked(void)
{
	char burst[UART_FIFO_SIZE];
	size_t n, i;

	if (!txring_empty(&tx) &&
	    (inb(COM1_BASE + UART_LSR) & UART_LSR_THRE)) {
		n = txring_take(&tx, burst, tx_burst);
		for (i = 0; i < n; i++)
			outb(COM1_BASE + UART_DATA, (uint8_t)burst[i]);
	}
	/* Whatever is left goes out from the interrupt. */
	set_thre_irq(buffered && !txring_empty(&tx));
}

static void flush_locked(void)
{
	while (!txring_empty(&tx)) {
		pump_locked();
		cpu_relax();
	}
}

/* Queues bytes, making room by waiting for the line when it must. */
static void put_locked(unsigned owner, const char *s, size_t len)
{
	show_locked(owner, s, len);
	while (serial_on && len > 0) {
		size_t n = txring_put(&tx, owner, s, len);

		s += n;
		len -= n;
		if (len > 0)
			pump_locked();
	}
}

struct sink_ctx {
	unsigned owner;
};

/*
 * Whose line is open on the wire (a prompt, a line being typed), or
 * NO_OWNER: another owner's output first ends it, so that lines of
 * different owners never run together.
 */
#define NO_OWNER        (~0u)
static unsigned open_owner = NO_OWNER;

static void console_sink(void *ctx, const char *s, size_t len)
{
	const struct sink_ctx *c = ctx;
	size_t start = 0, i;

	if (!len)
		return;
	if (open_owner != NO_OWNER && open_owner != c->owner)
		put_locked(c->owner, "\r\n", 2);
	open_owner = s[len - 1] == '\n' ? NO_OWNER : c->owner;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		put_locked(c->owner, s + start, i - start);
		put_locked(c->owner, "\r\n", 2);
		start = i + 1;
	}
	put_locked(c->owner, s + start, len - start);
}

static void written_locked(void)
{
	if (buffered) {
		pump_locked();
	} else {
		flush_locked();
		screen_update(&screen);
	}
}

void console_write(const char *s, size_t len)
{
	struct sink_ctx c = { CONSOLE_OWNER_HV };
	uint32_t flags = spin_lock_irqsave(&console_lock);

	console_sink(&c, s, len);
	written_locked();
	spin_unlock_irqrestore(&console_lock, flags);
}

static void vprintf_as(unsigned owner, const char *fmt, va_list ap)
{
	struct sink_ctx c = { owner };
	uint32_t flags = spin_lock_irqsave(&console_lock);

	fmt_vformat(console_sink, &c, fmt, ap);
	written_locked();
	spin_unlock_irqrestore(&console_lock, flags);
}

void kvprintf(const char *fmt, va_list ap)
{
	vprintf_as(CONSOLE_OWNER_HV, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_as(CONSOLE_OWNER_HV, fmt, ap);
	va_end(ap);
}

void console_printf_as(unsigned owner, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_as(owner, fmt, ap);
	va_end(ap);
}

bool console_fits(unsigned owner, size_t len, size_t share)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);
	bool fits = txring_queued(&tx, owner) + len <= share &&
		    txring_room(&tx) >= len + HV_RESERVE;

	spin_unlock_irqrestore(&console_lock, flags);
	return fits;
}

void console_pump(void)
{
	uint32_t flags;

	if (txring_empty(&tx))
		return;                 /* the common case, without the lock */
	flags = spin_lock_irqsave(&console_lock);

	pump_locked();
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_set_buffered(bool on)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	buffered = on;
	if (on)
		pump_locked();
	else
		flush_locked();
	set_thre_irq(buffered && !txring_empty(&tx));
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_flush(void)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	flush_locked();
	screen_update(&screen);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_break_lock(void)
{
	spin_unlock(&console_lock);
	buffered = false;
	set_thre_irq(false);
	flush_locked();
	screen_update(&screen);
}

void console_attach_screen(const struct screen_ops *ops, void *dev,
			   unsigned cols, unsigned rows)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	screen_attach(&screen, ops, dev, cols, rows);
	screen_known = true;
	screen_write(&screen, early, early_len, owner_attr(CONSOLE_OWNER_HV));
	early_len = 0;
	screen_update(&screen);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_no_screen(void)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	screen_known = true;
	early_len = 0;
	screen_detach(&screen);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_screen_moved(void *dev)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	screen_set_dev(&screen, dev);
	spin_unlock_irqrestore(&console_lock, flags);
}

bool console_screen_dirty(void)
{
	return screen_dirty(&screen);
}

void console_update_screen(void)
{
	uint32_t flags;

	if (!screen_dirty(&screen))
		return;                 /* the common case, without the lock */
	flags = spin_lock_irqsave(&console_lock);
	screen_update(&screen);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_set_serial(bool on)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	flush_locked();
	serial_on = on;
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_input_enable(void)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	input_on = true;
	write_ier();
	spin_unlock_irqrestore(&console_lock, flags);
}

int console_getc(void)
{
	uint8_t lsr = inb(COM1_BASE + UART_LSR);

	if (lsr == UART_LSR_ABSENT || !(lsr & UART_LSR_DR))
		return -1;
	return inb(COM1_BASE + UART_DATA);
}

void console_irq_rearm(void)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	outb(COM1_BASE + UART_IER, 0);
	write_ier();
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_end_line(void)
{
	uint32_t flags = spin_lock_irqsave(&console_lock);

	if (open_owner == CONSOLE_OWNER_HV) {
		put_locked(CONSOLE_OWNER_HV, "\r\n", 2);
		open_owner = NO_OWNER;
		written_locked();
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

bool console_line_open(unsigned owner)
{
	return open_owner == owner;
}
