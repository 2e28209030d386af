/*
 * The guest side of the hypervisor's ABI: hypercalls, the shared page,
 * virtual interrupts and traps. See docs/abi.md and docs/writing-a-guest.md.
 */
#ifndef GUEST_HV_H
#define GUEST_HV_H

#include <stdint.h>
#include <stddef.h>
#include <abi.h>

/* Filled in by the start-up code before main() runs. */
extern const struct hv_boot_info *hv_boot;

#include "vcpu.h"            /* hv_self(): this vCPU's shared page */

/* hcall(): abi.h. */

/*
 * Queues a call in the async ring; flushes the ring first if it is full.
 * Returns the slot it used: hv_self()->slot_status[slot] becomes
 * HV_SLOT_DONE and hv_self()->slots[slot].result the call's result once the
 * hypervisor has run it (at the latest at the next hypercall).
 */
unsigned hv_async(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
		  uint32_t a4);

/* The physical CPU this virtual CPU runs on now, and which virtual CPU. */
static inline unsigned hv_cpu(void)
{
	return HV_WHERE_CPU(hcall(HV_CALL_WHERE, 0, 0, 0, 0));
}

static inline unsigned hv_vcpu(void)
{
	return HV_WHERE_VCPU(hcall(HV_CALL_WHERE, 0, 0, 0, 0));
}

/* Writes to the console (one hypercall). */
void hv_console(const char *s, size_t len);

/* Stops the guest; HV_SHUTDOWN_POWEROFF with the given status. */
__attribute__((noreturn)) void hv_exit(uint32_t status);
__attribute__((noreturn)) void hv_crash(const char *msg);

/* Virtual interrupt flag. */
void irq_enable(void);
void irq_disable(void);
static inline int irqs_enabled(void)
{
	return hv_self()->irq_enabled != 0;
}

/*
 * Enables virtual interrupts and halts in one step, like "sti; hlt": an
 * interrupt arriving in between cannot slip in before the halt (and leave
 * it waiting for nothing). The interrupt that ends the halt is delivered
 * with the saved eip at hv_halt_resume. Needs a timer (or a pending
 * interrupt): halting with neither kills the guest.
 */
void hv_halt_irq(void);
extern const char hv_halt_resume[];

/* What a trap handler sees (as pushed by the runtime's trap entry). */
struct trap_regs {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t user_esp, user_ss;     /* only when cs is ring 3 */
};

typedef void (*trap_handler_t)(struct trap_regs *regs);

/*
 * Installs handler for vector. trap = 1 installs a trap gate (interrupts
 * stay enabled), 0 an interrupt gate. dpl = 3 lets ring 3 use "int".
 * The handler sees the frame as delivered; for a trap gate, the return
 * restores the virtual interrupt flag the handler started with (a direct
 * trap's frame shows the real IF, always set), unless the handler changed
 * IF in regs->eflags.
 */
void trap_install(unsigned vector, trap_handler_t handler, int trap, int dpl);

/* The kernel stack for traps and interrupts from ring 3. */
void hv_set_kernel_stack(void *top, unsigned pages);

/*
 * Runs fn in ring 3 (HV_SEL_USER_CODE, data segments HV_SEL_USER_DATA) on
 * the stack ending at user_stack_top, with the return address of a ud2.
 * fn must not return: it makes a system call whose handler calls
 * leave_user(value), and enter_user() then returns value in the kernel
 * context (segments, callee-saved registers, virtual IF) it was called
 * from. Set a kernel stack first. One excursion at a time.
 */
int enter_user(void (*fn)(void), void *user_stack_top);
__attribute__((noreturn)) void leave_user(int value);

/* Monotonic nanoseconds, as of the last entry into the hypervisor. */
static inline uint64_t hv_time_ns(void)
{
	return hv_self()->time_ns;
}

/* A 16-byte ring-1 data segment at base, as GDT words lo/hi. */
void hv_data_segment(const void *base, uint32_t *lo, uint32_t *hi);

/* Reads the word at sel:off through %fs (left null afterwards). */
uint32_t hv_read_far(uint32_t sel, uint32_t off);

/* The value of "key=value" among main()'s arguments, or NULL. */
const char *hv_arg(int argc, char **argv, const char *key);

/*
 * For test guests: check() prints "TEXT: ok" or "TEXT: FAILED" (TEXT from
 * fmt, printf-style) and counts failures; it returns ok. check_summary()
 * prints the verdict and returns main()'s status: 0 when all passed.
 */
extern unsigned check_failures;
int check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int check_summary(void);

#endif
