/* Interrupt frames built for guests, from ring 1, ring 2 and ring 3. */
#include <stdint.h>
#include <string.h>
#include <x86/cr.h>
#include <guests/abi.h>
#include <hv/irqframe.h>
#include "check.h"

#define KSTACK_SS       HV_SEL_KERNEL_DATA
#define KSTACK_ESP      0x00300000u
#define OTHER_FLAGS     0x00000046u     /* ZF, PF and the always-one bit */

static struct trap_frame regs;
static struct irq_frame f;

static void ring1_regs(void)
{
	memset(&regs, 0, sizeof(regs));
	regs.cs = HV_SEL_KERNEL_CODE;
	regs.ss = HV_SEL_KERNEL_DATA;
	regs.eip = 0x00101234;
	regs.esp = 0x00208000;
	regs.eflags = OTHER_FLAGS | EFLAGS_IF;
}

static void ring3_regs(void)
{
	memset(&regs, 0, sizeof(regs));
	regs.cs = HV_SEL_USER_CODE;
	regs.ss = HV_SEL_USER_DATA;
	regs.eip = 0x08048abc;
	regs.esp = 0xBFFFF000;
	regs.eflags = OTHER_FLAGS | EFLAGS_IF;
}

static void build(uint32_t virt_if, bool has_error, uint32_t error)
{
	memset(&f, 0xA5, sizeof(f));
	irq_frame_build(&regs, virt_if, has_error, error, KSTACK_SS,
			KSTACK_ESP, &f);
}

static void test_ring1_no_error(void)
{
	ring1_regs();
	build(EFLAGS_IF, false, 0);
	CHECK_EQ(f.n, 3);
	CHECK_EQ(f.words[0], 0x00101234);               /* eip */
	CHECK_EQ(f.words[1], HV_SEL_KERNEL_CODE);       /* cs */
	CHECK_EQ(f.words[2], OTHER_FLAGS | EFLAGS_IF);  /* eflags */
	CHECK_EQ(f.ss, HV_SEL_KERNEL_DATA);             /* the current stack */
	CHECK_EQ(f.esp, 0x00208000 - 12);
}

static void test_ring1_with_error(void)
{
	ring1_regs();
	build(EFLAGS_IF, true, 0xBEEF0004);
	CHECK_EQ(f.n, 4);
	CHECK_EQ(f.words[0], 0xBEEF0004);               /* lowest address */
	CHECK_EQ(f.words[1], 0x00101234);
	CHECK_EQ(f.words[2], HV_SEL_KERNEL_CODE);
	CHECK_EQ(f.words[3], OTHER_FLAGS | EFLAGS_IF);
	CHECK_EQ(f.ss, HV_SEL_KERNEL_DATA);
	CHECK_EQ(f.esp, 0x00208000 - 16);
}

static void test_error_code_zero_still_pushed(void)
{
	ring1_regs();
	build(EFLAGS_IF, true, 0);
	CHECK_EQ(f.n, 4);
	CHECK_EQ(f.words[0], 0);
	CHECK_EQ(f.words[1], 0x00101234);
	CHECK_EQ(f.esp, 0x00208000 - 16);
}

static void test_virtual_if(void)
{
	/* Real IF set (as always), virtual IF clear: IF clear in the frame. */
	ring1_regs();
	build(0, false, 0);
	CHECK_EQ(f.words[2], OTHER_FLAGS);
	CHECK_EQ(f.words[2] & EFLAGS_IF, 0);

	/* Real IF clear, virtual IF set: IF set in the frame. */
	ring1_regs();
	regs.eflags = OTHER_FLAGS;
	build(EFLAGS_IF, false, 0);
	CHECK_EQ(f.words[2], OTHER_FLAGS | EFLAGS_IF);

	/* Only the IF bit of virt_if counts. */
	ring1_regs();
	build(~EFLAGS_IF, false, 0);
	CHECK_EQ(f.words[2], OTHER_FLAGS);

	/* From ring 3 as well. */
	ring3_regs();
	build(0, false, 0);
	CHECK_EQ(f.words[2], OTHER_FLAGS);
	ring3_regs();
	regs.eflags = OTHER_FLAGS;
	build(EFLAGS_IF, true, 7);
	CHECK_EQ(f.words[3], OTHER_FLAGS | EFLAGS_IF);
}

static void test_ring3_no_error(void)
{
	ring3_regs();
	build(EFLAGS_IF, false, 0);
	CHECK_EQ(f.n, 5);
	CHECK_EQ(f.words[0], 0x08048abc);               /* eip */
	CHECK_EQ(f.words[1], HV_SEL_USER_CODE);         /* cs */
	CHECK_EQ(f.words[2], OTHER_FLAGS | EFLAGS_IF);  /* eflags */
	CHECK_EQ(f.words[3], 0xBFFFF000);               /* old esp */
	CHECK_EQ(f.words[4], HV_SEL_USER_DATA);         /* old ss */
	CHECK_EQ(f.ss, KSTACK_SS);                      /* the kernel stack */
	CHECK_EQ(f.esp, KSTACK_ESP - 20);
}

static void test_ring3_with_error(void)
{
	ring3_regs();
	build(EFLAGS_IF, true, 0x18);
	CHECK_EQ(f.n, 6);
	CHECK_EQ(f.words[0], 0x18);
	CHECK_EQ(f.words[1], 0x08048abc);
	CHECK_EQ(f.words[2], HV_SEL_USER_CODE);
	CHECK_EQ(f.words[3], OTHER_FLAGS | EFLAGS_IF);
	CHECK_EQ(f.words[4], 0xBFFFF000);
	CHECK_EQ(f.words[5], HV_SEL_USER_DATA);
	CHECK_EQ(f.ss, KSTACK_SS);
	CHECK_EQ(f.esp, KSTACK_ESP - 24);
}

/*
 * Ring 2 is an outer ring too (a guest may install DPL-2 segments): the
 * CPU switches to the ring-1 stack and pushes SS:ESP, and so must the
 * hypervisor, or the handler runs in ring 1 on ring 2's stack.
 */
static void test_ring2_is_outer(void)
{
	ring3_regs();
	regs.cs = (regs.cs & ~3u) | 2;
	regs.ss = (regs.ss & ~3u) | 2;
	build(EFLAGS_IF, true, 0x18);
	CHECK_EQ(f.n, 6);
	CHECK_EQ(f.words[2], (HV_SEL_USER_CODE & ~3u) | 2);
	CHECK_EQ(f.words[4], 0xBFFFF000);
	CHECK_EQ(f.words[5], (HV_SEL_USER_DATA & ~3u) | 2);
	CHECK_EQ(f.ss, KSTACK_SS);
	CHECK_EQ(f.esp, KSTACK_ESP - 24);
	CHECK(irq_from_outer_ring(regs.cs));
	CHECK(irq_from_outer_ring(HV_SEL_USER_CODE));
	CHECK(!irq_from_outer_ring(HV_SEL_KERNEL_CODE));
}

/*
 * Where pushes go: at the stack segment's base, and on a 16-bit stack
 * with SP alone moving, wrapping within 64 KiB, ESP's upper half kept.
 */
static void test_stack_arithmetic(void)
{
	CHECK_EQ(irq_stack_linear(0, 0x00CDCDCD, true), 0x00CDCDCD);
	CHECK_EQ(irq_stack_linear(0x10000, 0x00CDCDCD, true), 0x00CECDCD);
	CHECK_EQ(irq_stack_linear(0x10000, 0x00CDCDCD, false), 0x1CDCD);
	CHECK_EQ(irq_stack_push(0x00CDCDCD, 12, true), 0x00CDCDC1);
	CHECK_EQ(irq_stack_push(0x00CDCDCD, 12, false), 0x00CDCDC1);
	CHECK_EQ(irq_stack_push(0x00120004, 12, false), 0x0012FFF8);
	CHECK_EQ(irq_stack_push(0x00120004, 12, true), 0x0011FFF8);
}

/* Selectors are pushed as 16-bit values: stale upper bits are dropped. */
static void test_selectors_truncated(void)
{
	ring3_regs();
	regs.cs |= 0xDEAD0000;
	regs.ss |= 0xBEEF0000;
	build(EFLAGS_IF, false, 0);
	CHECK_EQ(f.n, 5);
	CHECK_EQ(f.words[1], HV_SEL_USER_CODE);
	CHECK_EQ(f.words[4], HV_SEL_USER_DATA);

	ring1_regs();
	regs.cs |= 0xDEAD0000;
	build(EFLAGS_IF, false, 0);
	CHECK_EQ(f.n, 3);
	CHECK_EQ(f.words[1], HV_SEL_KERNEL_CODE);
}

/* The frame from ring 1 ignores the kernel stack it is given. */
static void test_ring1_ignores_kernel_stack(void)
{
	ring1_regs();
	memset(&f, 0, sizeof(f));
	irq_frame_build(&regs, EFLAGS_IF, false, 0, 0x1234, 0x5678, &f);
	CHECK_EQ(f.ss, HV_SEL_KERNEL_DATA);
	CHECK_EQ(f.esp, 0x00208000 - 12);
}

int main(void)
{
	static const struct check_test tests[] = {
		TEST_ENTRY(test_ring1_no_error),
		TEST_ENTRY(test_ring1_with_error),
		TEST_ENTRY(test_error_code_zero_still_pushed),
		TEST_ENTRY(test_virtual_if),
		TEST_ENTRY(test_ring3_no_error),
		TEST_ENTRY(test_ring3_with_error),
		TEST_ENTRY(test_ring2_is_outer),
		TEST_ENTRY(test_stack_arithmetic),
		TEST_ENTRY(test_selectors_truncated),
		TEST_ENTRY(test_ring1_ignores_kernel_stack),
	};
	return check_main("irqframe", tests, ARRAY_SIZE(tests));
}
