/*
 * segwrap: ring 3 through a TLS segment that wraps around 4 GiB, as i386
 * glibc reaches its static TLS (negative offsets from %gs). The
 * hypervisor cuts every segment below its reserve; on a CPU that checks
 * limits (Bochs, hardware) each such access faults, and the hypervisor
 * lets it through for ring 3 (hv/segwrap.h). A segment the guest itself
 * made small still faults where it ends: the kernel's #GP handler sees
 * that one, once.
 */
#include <stdio.h>
#include <x86/cr.h>
#include <x86/desc.h>
#include "hv.h"

#define KSTACK_PAGES    2
#define ROUNDS          1000u
#define SMALL_LIMIT     0xFFFu          /* entry 7: 4 KiB */
#define MOV_FS_ABS_LEN  6               /* 64 a1 imm32: mov %fs:imm32, %eax */

enum { SYS_EXIT };

static uint8_t kstack[KSTACK_PAGES * 4096] __attribute__((aligned(4096)));
static uint8_t ustack[8192] __attribute__((aligned(16)));

/* The thread block: the "TCB" (entry 6's base) sits 64 bytes in, with
 * the variables below it at negative offsets. */
static uint32_t tls_block[32] __attribute__((aligned(64)));
#define TCB         (&tls_block[16])

static struct {
	uint32_t below, at, sum, eflags;
} user;
static unsigned gp_faults[4], gp_other;

static inline int syscall1(int nr, uint32_t a)
{
	int ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a) : "memory");
	return ret;
}

static void syscall_handler(struct trap_regs *regs)
{
	if (regs->eax == SYS_EXIT)
		leave_user((int)regs->ebx);
	regs->eax = (uint32_t)-1;
}

/* The access past entry 7's own limit: skipped, and counted. */
static void gp_handler(struct trap_regs *regs)
{
	const uint8_t *insn = (const uint8_t *)regs->eip;

	if (insn[0] == 0x64 && insn[1] == 0xa1) {
		gp_faults[regs->cs & 3]++;
		regs->eax = 0xDEAD;
		regs->eip += MOV_FS_ABS_LEN;
		return;
	}
	gp_other++;
	if ((regs->cs & 3) == 3)
		leave_user(-1);
	regs->eip += MOV_FS_ABS_LEN;    /* not reached: counted */
}

/* The same access past entry 7's limit, from ring 1: whether this CPU
 * checks segment limits at all (QEMU's TCG does not). */
static int limits_checked(void)
{
	uint32_t v;

	__asm__ volatile("movl %1, %%fs; movl %%fs:0x2000, %0; movl %2, %%fs"
			 : "=a"(v)
			 : "r"((uint32_t)((HV_GDT_TLS_FIRST + 1) << 3 | 3)), "r"(0));
	return gp_faults[1] == 1;
}

/* Ring 3: no hypercalls. */
static void user_main(void)
{
	uint32_t i, v, sum = 0, small;

	__asm__ volatile("movl %0, %%gs" : : "r"((uint32_t)(HV_GDT_TLS_FIRST << 3 | 3)));
	__asm__ volatile("movl %%gs:0xfffffffc, %0" : "=r"(user.below));
	__asm__ volatile("movl %%gs:0, %0" : "=r"(user.at));
	for (i = 0; i < ROUNDS; i++) {
		__asm__ volatile("movl %1, %%gs:0xfffffff8; movl %%gs:0xfffffff8, %0"
				 : "=r"(v) : "r"(i) : "memory");
		sum += v;
	}
	user.sum = sum;
	__asm__ volatile("pushfl; popl %0" : "=r"(user.eflags));
	__asm__ volatile("movl %1, %%fs; movl %%fs:0x2000, %0"
			 : "=a"(small) : "r"((uint32_t)((HV_GDT_TLS_FIRST + 1) << 3 | 3)));
	syscall1(SYS_EXIT, 7 + (small == 0xDEAD));
}

int main(void)
{
	struct desc tls[HV_GDT_TLS_ENTRIES] = {
		desc_segment((uint32_t)TCB, 0xFFFFFFFFu, SEG_DATA_RW, 3),
		desc_segment_bytes((uint32_t)tls_block, SMALL_LIMIT, SEG_DATA_RW, 3),
		{ 0, 0 },
	};
	int ret, checked;

	TCB[-1] = 0x5E6A0001;
	TCB[0] = (uint32_t)TCB;
	hv_set_kernel_stack(kstack + sizeof(kstack), KSTACK_PAGES);
	trap_install(0x80, syscall_handler, 1, 3);
	trap_install(13, gp_handler, 0, 0);
	hcall(HV_CALL_LOAD_TLS, (uint32_t)tls, 0, 0, 0);
	checked = limits_checked();
	printf("segment limits %s by this CPU\n",
	       checked ? "are checked" : "are not checked");

	ret = enter_user(user_main, ustack + sizeof(ustack));
	check(ret == 7 + checked, "back from ring 3 (exit value %d)", ret);
	check(user.below == 0x5E6A0001, "%%gs:-4 read the word below the "
	      "TCB: 0x%08x", user.below);
	check(user.at == (uint32_t)TCB, "%%gs:0 read the TCB's own address");
	check(user.sum == ROUNDS * (ROUNDS - 1) / 2 && TCB[-2] == ROUNDS - 1,
	      "%u writes and reads at %%gs:-8", ROUNDS);
	check(!(user.eflags & EFLAGS_TF), "no trap flag left in ring 3");
	if (checked)
		check(gp_faults[3] == 1 && gp_other == 0, "from ring 3 too, the "
		      "access past the 4 KiB segment's limit faults (%u #GP)",
		      gp_faults[3]);
	else
		check(gp_faults[3] == 0 && gp_other == 0, "the CPU ignores "
		      "segment limits: nothing faulted in ring 3");
	return check_summary();
}
