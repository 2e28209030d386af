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
extern struct hv_shared hv_shared;

static inline uint32_t hcall(uint32_t nr, uint32_t a1, uint32_t a2,
			     uint32_t a3, uint32_t a4)
{
	uint32_t ret;

	__asm__ volatile("int %1"
			 : "=a"(ret)
			 : "i"(HV_HYPERCALL_VECTOR), "a"(nr), "d"(a1), "b"(a2),
			   "c"(a3), "S"(a4)
			 : "memory");
	return ret;
}

/* Queues a call in the async ring; flushes the ring first if it is full. */
void hv_async(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);

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
	return hv_shared.irq_enabled != 0;
}

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
 */
void trap_install(unsigned vector, trap_handler_t handler, int trap, int dpl);

/* The kernel stack for traps and interrupts from ring 3. */
void hv_set_kernel_stack(void *top, unsigned pages);

/* Monotonic nanoseconds, as of the last entry into the hypervisor. */
static inline uint64_t hv_time_ns(void)
{
	return hv_shared.time_ns;
}

#endif
