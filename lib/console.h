#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include <stdarg.h>
#include <types.h>

/*
 * The console: COM1 at 115200 8N1, and the screen when there is one
 * (console_attach_screen). Values that differ from one boot to the next
 * (addresses, frequencies, timings) are printed inside braces, "{...}",
 * so that tests can mask them with one rule.
 *
 * Output goes through one transmit queue (txring.h), in the order it was
 * written, whoever wrote it. At first every write also waits until the
 * UART has taken it. Once the guests run, the hypervisor feeds the UART
 * from its transmit interrupt (console_set_buffered), and writers no
 * longer wait for the line: the UART is fed by console_pump(). The
 * hypervisor's own messages then wait only when the queue is full;
 * guests' output is bounded per guest before it is written
 * (console_fits), so it never has to wait.
 */
#define CONSOLE_OWNER_HV    0u          /* guests use 1 + their id */

void console_init(void);
void console_write(const char *s, size_t len);
void kprintf(const char *fmt, ...) PRINTF(1, 2);
void kvprintf(const char *fmt, va_list ap);

/*
 * A line left open (no newline yet, as a prompt) is ended by the next
 * owner to write; this ends the hypervisor's own, if it is still open.
 */
void console_end_line(void);

/* Whether owner's line is the one open on the wire. */
bool console_line_open(unsigned owner);

/* Writes on behalf of owner: its bytes count against its share. */
void console_printf_as(unsigned owner, const char *fmt, ...) PRINTF(2, 3);

/*
 * Whether len more bytes of owner's fit now without waiting, with at most
 * share bytes of owner's queued, and room left for the hypervisor's own
 * messages.
 */
bool console_fits(unsigned owner, size_t len, size_t share);

/* Gives the UART what it can take now (a FIFO's worth); never waits. */
void console_pump(void);

/* From now on, writes return without waiting for the line. */
void console_set_buffered(bool on);

/* Waits until the queue is empty: for panics and power-off. */
void console_flush(void);

/* Input: the UART interrupts when a byte has arrived (COM1's IRQ). */
void console_input_enable(void);

/* The next received byte, or -1 when none is waiting (or there is no UART). */
int console_getc(void);

/*
 * Ends an interrupt: lowers the UART's interrupt line and lets it rise
 * again if something is still pending (a byte that came while the handler
 * ran), since the 8259A only sees a rising edge.
 */
void console_irq_rearm(void);

/*
 * The screen console (screen.h): from now on what is written is also
 * shown on the screen, starting with what was written before (the first
 * 4 KiB of it). The screen is drawn at once at boot and on flushes; once
 * the console is buffered, when console_update_screen() is called.
 */
struct screen_ops;
void console_attach_screen(const struct screen_ops *ops, void *dev,
			   unsigned cols, unsigned rows);

/* There is no screen (any longer): forget what was kept for it. */
void console_no_screen(void);

/* The screen's back end device moved (its framebuffer was mapped). */
void console_screen_moved(void *dev);

/* Whether the screen lacks something written; draws it. */
bool console_screen_dirty(void);
void console_update_screen(void);

/* Whether output goes to the serial line too (console=screen: not). */
void console_set_serial(bool on);

/*
 * For the crash path: a fault may have struck while the lock was held.
 * Also writes out what is queued, and every later write at once.
 */
void console_break_lock(void);
#endif
