/*
 * usermode: ring-3 code and system calls through a direct trap gate.
 * The kernel sets a kernel stack and a DPL-3 trap gate for int $0x80, then
 * runs user code with enter_user(). The user code checks its own segments,
 * writes a line and adds numbers through system calls, makes 10000 of them
 * in a loop (a direct trap never leaves the guest, so this is cheap) and
 * exits back to the kernel; a second trip shows the way in works again.
 */
#include <stdio.h>
#include "hv.h"

#define KSTACK_PAGES    2
#define LOOP_CALLS      10000u

enum { SYS_EXIT, SYS_WRITE, SYS_ADD, SYS_CALLER_RING };

static uint8_t kstack[KSTACK_PAGES * 4096] __attribute__((aligned(4096)));
static uint8_t ustack[8192] __attribute__((aligned(16)));

/* What the system call handler saw (kernel side). */
static unsigned calls, calls_not_from_user, calls_not_in_ring1;

/* What the user code found (written in ring 3, read by the kernel). */
static struct {
	uint32_t cs, ds, ss;
	int write_ret, add_ret, ring;
	uint32_t loop_sum;
} user;

static inline int syscall2(int nr, uint32_t a, uint32_t b)
{
	int ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b)
			 : "memory");
	return ret;
}

static uint32_t read_cs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cs, %0" : "=r"(v));
	return v;
}

/* The system calls: eax = number, ebx and ecx = arguments. */
static void syscall_handler(struct trap_regs *regs)
{
	calls++;
	if ((regs->cs & 0xFFFF) != HV_SEL_USER_CODE ||
	    (regs->user_ss & 0xFFFF) != HV_SEL_USER_DATA ||
	    (const uint8_t *)(&regs->user_ss + 1) != kstack + sizeof(kstack))
		calls_not_from_user++;
	if (read_cs() != HV_SEL_KERNEL_CODE)
		calls_not_in_ring1++;
	switch (regs->eax) {
	case SYS_EXIT:
		leave_user((int)regs->ebx);
	case SYS_WRITE:
		hv_console((const char *)regs->ebx, regs->ecx);
		regs->eax = regs->ecx;
		break;
	case SYS_ADD:
		regs->eax = regs->ebx + regs->ecx;
		break;
	case SYS_CALLER_RING:
		regs->eax = regs->cs & 3;
		break;
	default:
		regs->eax = (uint32_t)-1;
	}
}

/* Ring 3 from here to user_second(): no hypercalls, no printf. */
static void user_main(void)
{
	static const char hello[] = "hello from ring 3, through a system call\n";
	uint32_t i, sum = 0;

	__asm__ volatile("movl %%cs, %0; movl %%ds, %1; movl %%ss, %2"
			 : "=r"(user.cs), "=r"(user.ds), "=r"(user.ss));
	user.write_ret = syscall2(SYS_WRITE, (uint32_t)hello, sizeof(hello) - 1);
	user.add_ret = syscall2(SYS_ADD, 40, 2);
	user.ring = syscall2(SYS_CALLER_RING, 0, 0);
	for (i = 0; i < LOOP_CALLS; i++)
		sum = (uint32_t)syscall2(SYS_ADD, sum, i + 1);
	user.loop_sum = sum;
	syscall2(SYS_EXIT, 7, 0);
}

static void user_second(void)
{
	syscall2(SYS_EXIT, 99, 0);
}

int main(void)
{
	int ret;
	volatile uint32_t kept = 0x600DF00D;    /* must survive the trips */

	hv_set_kernel_stack(kstack + sizeof(kstack), KSTACK_PAGES);
	trap_install(0x80, syscall_handler, 1, 3);

	ret = enter_user(user_main, ustack + sizeof(ustack));
	check(ret == 7, "exit system call: back in the kernel with value %d", ret);
	check(read_cs() == HV_SEL_KERNEL_CODE, "back in ring 1 (cs 0x%x)",
	      read_cs());
	check(user.cs == HV_SEL_USER_CODE && user.ds == HV_SEL_USER_DATA &&
	      user.ss == HV_SEL_USER_DATA,
	      "user code ran with cs 0x%x, ds 0x%x, ss 0x%x", user.cs, user.ds,
	      user.ss);
	check(user.write_ret == 41, "write system call returned %d",
	      user.write_ret);
	check(user.add_ret == 42, "add system call: 40 + 2 = %d", user.add_ret);
	check(user.ring == 3, "the kernel saw the call come from ring %d",
	      user.ring);
	check(user.loop_sum == LOOP_CALLS * (LOOP_CALLS + 1) / 2,
	      "%u add system calls in a loop: sum %u", LOOP_CALLS,
	      user.loop_sum);
	check(calls == LOOP_CALLS + 4, "the kernel handled %u system calls",
	      calls);
	check(calls_not_from_user == 0, "every call came from ring 3 with its "
	      "frame at the top of the kernel stack");
	check(calls_not_in_ring1 == 0, "every handler ran in ring 1");

	ret = enter_user(user_second, ustack + sizeof(ustack));
	check(ret == 99, "second trip to ring 3: exit value %d", ret);
	check(kept == 0x600DF00D && calls == LOOP_CALLS + 5,
	      "kernel state kept across the trips");
	return check_summary();
}
