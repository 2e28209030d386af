#include <abi.h>
#include <boot/mb2.h>
#include <multiboot2.h>
#include <x86/cr.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include <x86/bochs.h>
#include <x86/io.h>
#include <x86/pit.h>
#include <x86/qemu.h>
#include <x86/tsc.h>
#include <x86/uart.h>
#include <lib/uart.h>
#include "early.h"
#include "pv.h"
#include "user.h"

#define BAUD    115200u

/* The OS's own GDT natively (GRUB's may be anywhere): flat ring 0 and
 * ring 3 segments, and the TSS that holds the kernel stack for traps from
 * ring 3. In the hypervisor's layout (Linux's), so that the selectors are
 * those of the OS under the hypervisor, but for the kernel's ring. */
#define GDT_CODE        HV_GDT_KERNEL_CODE
#define GDT_DATA        HV_GDT_KERNEL_DATA
#define GDT_USER_CODE   HV_GDT_USER_CODE
#define GDT_USER_DATA   HV_GDT_USER_DATA
#define GDT_TSS         HV_GDT_TSS
#define GDT_TLS         HV_GDT_TLS_FIRST        /* OS_TLS_ENTRIES of them */
#define GDT_ENTRIES     (GDT_TSS + 1)
#define SEL_CODE        (GDT_CODE << 3)
#define SEL_DATA        (GDT_DATA << 3)
#define SEL_USER_CODE   ((GDT_USER_CODE << 3) | 3)
#define SEL_USER_DATA   ((GDT_USER_DATA << 3) | 3)
#define SEL_TSS         (GDT_TSS << 3)

_Static_assert(GDT_TLS + OS_TLS_ENTRIES <= GDT_CODE,
	       "the TLS entries lie below the kernel's");

static struct desc gdt[GDT_ENTRIES] ALIGNED(8);
static struct tss32 tss;
static struct desc idt[SYSCALL_VECTOR + 1] ALIGNED(8);

#define PIC2_BASE       (OS_TIMER_VECTOR + 8)
#define PIC_ONLY_IRQ0   0xFEu           /* mask: all but the PIT's */
#define PIC_NONE        0xFFu
#define NS_PER_S        1000000000ull

static struct mb2_info info;
static char cmdline[256];
/* Lines start with the OS's name, as the hypervisor starts a guest's. */
static char name[32];
static bool line_start = true;

static void uart_putc(char c)
{
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE))
		cpu_relax();
	outb(COM1_BASE + UART_DATA, (uint8_t)c);
}

static void native_console_write(const char *s, size_t len)
{
	size_t i;
	const char *p;

	for (i = 0; i < len; i++) {
		if (line_start) {
			for (p = name; *p; p++)
				uart_putc(*p);
			uart_putc(':');
			uart_putc(' ');
		}
		line_start = s[i] == '\n';
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

/* The image's file name without folder and ".elf", as the hypervisor
 * names a guest. */
static void take_name(const char *word)
{
	const char *start = word, *end, *p;
	size_t n = 0;

	for (p = word; *p && *p != ' '; p++)
		if (*p == '/')
			start = p + 1;
	end = p;
	if (end - start > 4 && __builtin_memcmp(end - 4, ".elf", 4) == 0)
		end -= 4;
	for (p = start; p < end && n + 1 < sizeof(name); p++)
		name[n++] = *p;
}

/* After the image's name, as the hypervisor passes a guest's. */
static const char *native_cmdline(void)
{
	const char *p = cmdline;

	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

/* Under Bochs: the status on its port 0xE9, then its shutdown port. A
 * PC's port 0x8900 may belong to a device, so only where 0xE9 answers. */
static void bochs_power_off(unsigned status)
{
	const char *p;

	if (inb(BOCHS_E9_PORT) != BOCHS_E9_PORT)
		return;
	for (p = BOCHS_STATUS_MARKER; *p; p++)
		outb(BOCHS_E9_PORT, (uint8_t)*p);
	outb(BOCHS_E9_PORT, (uint8_t)('0' + status));
	outb(BOCHS_E9_PORT, '\n');
	for (p = BOCHS_SHUTDOWN_WORD; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*p);
}

/* QEMU's debug-exit device, or Bochs; on a PC neither: it halts. */
static NORETURN void native_power_off(unsigned status)
{
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_TEMT))
		cpu_relax();
	outl(DEBUG_EXIT_PORT, status);
	bochs_power_off(status);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void native_set_gate(unsigned vector, struct desc gate)
{
	idt[vector] = gate;
}

/* The 8259A pair, vectors from OS_TIMER_VECTOR up, only IRQ 0 open. */
static void pic_init(void)
{
	outb(PIC1_CMD, PIC_ICW1_INIT);
	outb(PIC2_CMD, PIC_ICW1_INIT);
	outb(PIC1_DATA, OS_TIMER_VECTOR);
	outb(PIC2_DATA, PIC2_BASE);
	outb(PIC1_DATA, 1u << PIC_CASCADE_IRQ);
	outb(PIC2_DATA, PIC_CASCADE_IRQ);
	outb(PIC1_DATA, PIC_ICW4_8086);
	outb(PIC2_DATA, PIC_ICW4_8086);
	outb(PIC1_DATA, PIC_ONLY_IRQ0);
	outb(PIC2_DATA, PIC_NONE);
}

static void native_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static void native_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");     /* sti waits one instruction */
}

/* PIT channel 0 counting down once: IRQ 0 at zero. */
static void native_timer_once(uint32_t ns)
{
	uint64_t ticks = (uint64_t)ns * PIT_HZ / NS_PER_S;

	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xFFFF)
		ticks = 0xFFFF;
	outb(PIT_CMD, PIT_CMD_CH0 | PIT_CMD_LOHI | PIT_CMD_MODE0);
	outb(PIT_CH0, (uint8_t)ticks);
	outb(PIT_CH0, (uint8_t)(ticks >> 8));
}

static void native_timer_ack(void)
{
	outb(PIC1_CMD, PIC_EOI);
}

/* The end of the available memory that holds 1 MiB, where the OS lies. */
/* Counts the TSC over PIT channel 2's count-down, which needs no
 * interrupt: channel 0 stays the timer's. */
#define CALIBRATE_PIT_TICKS     11932u          /* 10 ms */

static uint32_t native_tsc_khz(void)
{
	uint8_t ctl = inb(PORT_SYSCTL_B) & (uint8_t)~(SYSCTL_B_SPEAKER |
						       SYSCTL_B_CH2_GATE);
	uint64_t start;

	outb(PORT_SYSCTL_B, ctl);       /* counting starts as the gate rises */
	outb(PIT_CMD, PIT_CMD_CH2 | PIT_CMD_LOHI | PIT_CMD_MODE0);
	outb(PIT_CH2, CALIBRATE_PIT_TICKS & 0xFF);
	outb(PIT_CH2, CALIBRATE_PIT_TICKS >> 8);
	outb(PORT_SYSCTL_B, ctl | SYSCTL_B_CH2_GATE);
	start = rdtsc();
	while (!(inb(PORT_SYSCTL_B) & SYSCTL_B_CH2_OUT))
		;
	return (uint32_t)((rdtsc() - start) * PIT_HZ / CALIBRATE_PIT_TICKS / 1000);
}

static uint32_t native_memory_top(void)
{
	unsigned i;

	for (i = 0; i < info.nregions; i++) {
		const struct mb2_region *r = &info.regions[i];
		uint64_t end = r->base + r->length;

		if (r->type == MB2_MEMORY_AVAILABLE && r->base <= MiB &&
		    end > MiB)
			return end > 4ull * GiB - PAGE_SIZE ? (uint32_t)(4ull * GiB - PAGE_SIZE) :
			       (uint32_t)end;
	}
	return MiB;
}

/* Paging is on already (the first stage), in this format. */
static void native_pt_start(unsigned format, uint32_t root)
{
	(void)format;
	write_cr3(root);
}

/* A leaf is one translation; a directory change may drop a whole table
 * of them: the TLB forgets everything. */
static void native_pt_changed(uint32_t root, uint32_t va, unsigned level)
{
	(void)root;
	if (level == PT_CHANGED_ENTRY)
		invlpg(va);
	else
		write_cr3(read_cr3());
}

static uint32_t native_fault_address(void)
{
	return read_cr2();
}

/* Nothing waits: every change took effect as it was made. */
static void native_flush(void)
{
}

/* A segment register reads its descriptor when loaded: the next return
 * to ring 3 does. */
static void native_load_tls(const struct desc *tls)
{
	unsigned i;

	for (i = 0; i < OS_TLS_ENTRIES; i++)
		gdt[GDT_TLS + i] = tls[i];
}

static void native_set_kernel_stack(uint32_t top, unsigned pages)
{
	(void)pages;
	tss.esp0 = top;
}

static void load_tables(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (uint32_t)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint32_t)idt };

	gdt[GDT_CODE] = desc_flat(SEG_CODE_RX, 0);
	gdt[GDT_DATA] = desc_flat(SEG_DATA_RW, 0);
	gdt[GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	gdt[GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	tss.ss0 = SEL_DATA;
	tss.iomap_base = sizeof(tss);           /* no I/O bitmap */
	gdt[GDT_TSS] = desc_system((uint32_t)&tss, sizeof(tss) - 1,
				   SYS_TYPE_TSS32_AVAIL, 0);
	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %2, $1f\n"
		"1:\n\t"
		"movw %w3, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"movw %%ax, %%ss\n\t"
		"lidt %1\n\t"
		"ltr %w4"
		: : "m"(gdtr), "m"(idtr), "i"(SEL_CODE), "r"(SEL_DATA),
		    "r"(SEL_TSS)
		: "eax", "memory");
}

static void native_fpu_ts(bool set)
{
	if (set)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ volatile("clts");
}

static const struct pv_ops native_ops = {
	.machine = "bare metal",
	.kernel_cs = SEL_CODE,
	.kernel_ds = SEL_DATA,
	.user_cs = SEL_USER_CODE,
	.user_ds = SEL_USER_DATA,
	.user_tls = (GDT_TLS << 3) | 3,
	.set_gate = native_set_gate,
	.virtual_if = false,
	.irq_disable = native_irq_disable,
	.wait_for_interrupt = native_wait_for_interrupt,
	.timer_once = native_timer_once,
	.timer_ack = native_timer_ack,
	.memory_top = native_memory_top,
	.tsc_khz = native_tsc_khz,
	.pt_start = native_pt_start,
	.pt_changed = native_pt_changed,
	.fault_address = native_fault_address,
	.flush = native_flush,
	.load_tls = native_load_tls,
	.set_kernel_stack = native_set_kernel_stack,
	.fpu_ts = native_fpu_ts,
	.cmdline = native_cmdline,
	.console_write = native_console_write,
	.power_off = native_power_off,
};

const struct pv_ops *pv_native_init(const struct early_info *e)
{
	char err[128];
	size_t i;

	uart_setup(COM1_BASE, BAUD, UART_MCR_DTR_RTS);     /* no interrupts */
	/* An FPU, its errors as exceptions, WAIT trapping with TS too. */
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
	load_tables();
	pic_init();
	if (!e->mbi_size) {
		native_console_write("no boot information\n", 20);
		native_power_off(1);
	}
	if (!mb2_parse(e->mbi, &info, err, sizeof(err))) {
		native_console_write(err, __builtin_strlen(err));
		native_power_off(1);
	}
	for (i = 0; i + 1 < sizeof(cmdline) && info.cmdline[i]; i++)
		cmdline[i] = info.cmdline[i];
	take_name(cmdline);
	return &native_ops;
}
