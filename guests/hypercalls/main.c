/*
 * hypercalls: every hypercall a guest may make today, each with its result
 * and an effect the guest can see: register (by the runtime), flush async
 * (and that hypercalls preserve the registers), console write, set stack,
 * TS, set timer + halt, load IDT entry, load GDT entry, load GDT, load TLS,
 * wall clock, flush TLB, and shutdown last. Not crash (it kills) nor the
 * page-table calls (they kill for now).
 */
#include <stdio.h>
#include <time.h>
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"

#define MS              1000000ull
#define JAN_1_2020      1577836800u
#define TIMER_VECTOR    (HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER)

static uint8_t kstack[4096] __attribute__((aligned(4096)));
static uint8_t ustack[1024] __attribute__((aligned(16)));
static volatile unsigned nm_traps, ticks, breakpoints;
static const struct trap_regs *syscall_frame;


static void registered(void)
{
	check(hv_self()->time_ns != 0 &&
	      hv_self()->reserve_top == hv_boot->reserve_top,
	      "register (by the runtime): the shared page has the time and "
	      "reserve_top");
}

/*
 * FLUSH_ASYNC with known values in every other register. ebp comes back
 * through a static: an "m" operand on the stack might be addressed
 * through ebp itself.
 */
static void flush_async(void)
{
	static uint32_t bp;
	uint32_t a, b, c, d, s, di;

	__asm__ volatile("pushl %%ebp\n\t"
			 "movl $0x0B0B0B0B, %%ebx\n\t"
			 "movl $0x0C0C0C0C, %%ecx\n\t"
			 "movl $0x0D0D0D0D, %%edx\n\t"
			 "movl $0x05050505, %%esi\n\t"
			 "movl $0x0D1D1D1D, %%edi\n\t"
			 "movl $0x0B9B9B9B, %%ebp\n\t"
			 "movl %7, %%eax\n\t"
			 "int %8\n\t"
			 "movl %%ebp, %6\n\t"
			 "popl %%ebp"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d), "=S"(s), "=D"(di),
			   "=m"(bp)
			 : "i"(HV_CALL_FLUSH_ASYNC), "i"(HV_HYPERCALL_VECTOR)
			 : "memory");
	check(a == 0, "flush async: returns 0");
	check(b == 0x0B0B0B0B && c == 0x0C0C0C0C && d == 0x0D0D0D0D &&
	      s == 0x05050505 && di == 0x0D1D1D1D && bp == 0x0B9B9B9B,
	      "flush async: ebx, ecx, edx, esi, edi, ebp preserved");
}

static void console_write(void)
{
	static const char one[] = "console write: one hypercall, ";
	static const char two[] = "then another\n";
	uint32_t r1, r2, r0;

	fflush(stdout);
	r1 = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)one, sizeof(one) - 1, 0, 0);
	r2 = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)two, sizeof(two) - 1, 0, 0);
	r0 = hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)one, 0, 0, 0);
	check(r1 == sizeof(one) - 1 && r2 == sizeof(two) - 1 && r0 == 0,
	      "console write: returns the lengths (%u, %u, %u)", r1, r2, r0);
}

static void syscall_exit(struct trap_regs *regs)
{
	syscall_frame = regs;
	leave_user(0);
}

static void user_code(void)
{
	__asm__ volatile("int $0x80");
}

static void set_stack(void)
{
	uint32_t r = hcall(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA,
			   (uint32_t)(kstack + sizeof(kstack)), 1, 0);

	trap_install(0x80, syscall_exit, 1, 3);
	enter_user(user_code, ustack + sizeof(ustack));
	check(r == 0 && (const uint8_t *)(&syscall_frame->user_ss + 1) ==
	      kstack + sizeof(kstack),
	      "set stack: returns 0; a trap from ring 3 lands at its top");
}

static void nm_handler(struct trap_regs *regs)
{
	(void)regs;
	nm_traps++;
	hcall(HV_CALL_TS, 0, 0, 0, 0);
}

static void ts(void)
{
	uint32_t r1, r0;

	trap_install(VEC_NO_FPU, nm_handler, 0, 0);
	r1 = hcall(HV_CALL_TS, 1, 0, 0, 0);
	__asm__ volatile("fldz; fstp %%st(0)" : : : "memory");
	check(r1 == 0 && nm_traps == 1, "TS 1: returns 0; the next FPU "
	      "instruction raised #NM in the guest");
	r0 = hcall(HV_CALL_TS, 0, 0, 0, 0);
	__asm__ volatile("fldz; fstp %%st(0)" : : : "memory");
	check(r0 == 0 && nm_traps == 1, "TS 0: returns 0; no #NM");
}

static void tick(struct trap_regs *regs)
{
	(void)regs;
	ticks++;
}

static void timer_and_halt(void)
{
	uint64_t start = hv_time_ns();
	uint32_t rt, rh;

	trap_install(TIMER_VECTOR, tick, 0, 0);
	rt = hcall(HV_CALL_SET_TIMER, (uint32_t)(2 * MS), 0, 0, 0);
	rh = hcall(HV_CALL_HALT, 0, 0, 0, 0);
	check(rt == 0 && rh == 0, "set timer, halt: return 0");
	check(hv_time_ns() - start >= 2 * MS &&
	      (hv_self()->pending_irqs[0] & (1u << HV_IRQ_TIMER)),
	      "halt: woke after the 2 ms, the timer interrupt pending");
	irq_enable();
	irq_disable();
	check(ticks == 1, "timer: delivered on vector %d once interrupts were "
	      "enabled", TIMER_VECTOR);
}

static void breakpoint(struct trap_regs *regs)
{
	(void)regs;
	breakpoints++;
}

static void load_idt_entry(void)
{
	extern const uint32_t trap_stub_table[NUM_VECTORS];
	struct desc gate = desc_gate(HV_SEL_KERNEL_CODE,
				     trap_stub_table[VEC_BREAKPOINT],
				     SYS_TYPE_TRAP_GATE, 0);
	uint32_t r;

	/* The runtime's handler table, then the gate by hand. */
	trap_install(VEC_BREAKPOINT, breakpoint, 1, 0);
	r = hcall(HV_CALL_LOAD_IDT_ENTRY, VEC_BREAKPOINT, gate.lo, gate.hi, 0);
	__asm__ volatile("int3" : : : "memory");
	check(r == 0 && breakpoints == 1, "load IDT entry: returns 0; int3 "
	      "reached the gate");
}

static void load_gdt_entry(void)
{
	static uint32_t data[4] = { 0xE0, 0xE1, 0xE2, 0xE3 };
	uint32_t lo, hi, r;

	hv_data_segment(data, &lo, &hi);
	r = hcall(HV_CALL_LOAD_GDT_ENTRY, 20, lo, hi, 0);
	check(r == 0 && hv_read_far(SEL(20, 1), 8) == 0xE2,
	      "load GDT entry: returns 0; entry 20 reads from its base");
}

static void load_gdt(void)
{
	/* Up to the TSS (skipped): entry 20 lies past it. */
	static struct desc gdt[HV_GDT_TSS + 1];
	static uint32_t data[4] = { 0x90, 0x91, 0x92, 0x93 };
	uint32_t r;

	/* The flat segments the guest started with, then entry 9. */
	gdt[HV_GDT_KERNEL_CODE] = desc_flat(SEG_CODE_RX, 1);
	gdt[HV_GDT_KERNEL_DATA] = desc_flat(SEG_DATA_RW, 1);
	gdt[HV_GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	gdt[HV_GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	hv_data_segment(data, &gdt[9].lo, &gdt[9].hi);
	r = hcall(HV_CALL_LOAD_GDT, (uint32_t)gdt,
		  sizeof(gdt) / sizeof(gdt[0]), 0, 0);
	check(r == 0 && hv_read_far(SEL(9, 1), 4) == 0x91 &&
	      hv_read_far(SEL(20, 1), 0) == 0xE0,
	      "load GDT: returns 0; entry 9 reads from its base, entry 20 kept");
}

static void load_tls(void)
{
	static uint32_t data[HV_GDT_TLS_ENTRIES][4] = { { 0xA0 }, { 0xB0 },
							{ 0xC0 } };
	uint32_t tls[HV_GDT_TLS_ENTRIES][2], r;
	unsigned i, first = HV_GDT_TLS_FIRST;

	for (i = 0; i < HV_GDT_TLS_ENTRIES; i++)
		hv_data_segment(data[i], &tls[i][0], &tls[i][1]);
	r = hcall(HV_CALL_LOAD_TLS, (uint32_t)tls, 0, 0, 0);
	check(r == 0 && hv_read_far(SEL(first, 1), 0) == 0xA0 &&
	      hv_read_far(SEL(first + 1, 1), 0) == 0xB0 &&
	      hv_read_far(SEL(first + 2, 1), 0) == 0xC0,
	      "load TLS: returns 0; entries %u, %u, %u read from their bases",
	      first, first + 1, first + 2);
}

static void wall_clock(void)
{
	uint32_t now = hcall(HV_CALL_WALL_CLOCK, 0, 0, 0, 0);
	time_t t = (time_t)now;
	struct tm tm;

	gmtime_r(&t, &tm);
	check(now > JAN_1_2020, "wall clock: after 2020-01-01 (year {%d})",
	      tm.tm_year + 1900);
}

static void flush_tlb(void)
{
	uint32_t ru = hcall(HV_CALL_FLUSH_TLB, HV_FLUSH_USER, 0, 0, 0);
	uint32_t ra = hcall(HV_CALL_FLUSH_TLB, HV_FLUSH_ALL, 0, 0, 0);

	check(ru == 0 && ra == 0, "flush TLB (user, all): return 0");
}

int main(void)
{
	uint32_t status;

	registered();
	flush_async();
	console_write();
	set_stack();
	ts();
	timer_and_halt();
	load_idt_entry();
	load_gdt_entry();
	load_gdt();
	load_tls();
	wall_clock();
	flush_tlb();
	status = (uint32_t)check_summary();
	printf("shutdown: next, with status %u\n", status);
	fflush(stdout);
	hcall(HV_CALL_SHUTDOWN, HV_SHUTDOWN_POWEROFF, status, 0, 0);
	printf("shutdown returned: FAILED\n");
	return 1;
}
