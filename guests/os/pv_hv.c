#include <abi.h>
#include "early.h"
#include "pv.h"

static const struct hv_boot_info *boot;
static char machine[32];
/* trap_entry.S and pv_hv_entry.S reach it by name. */
struct hv_shared os_hv_shared ALIGNED(4096);
extern char os_hv_noirq_start[], os_hv_noirq_end[];
void os_hv_halt(void);

_Static_assert(HV_CALL_HALT == 14, "pv_hv_entry.S uses 14");
_Static_assert(HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER == OS_TIMER_VECTOR,
	       "the timer's vector");

static void hv_console_write(const char *s, size_t len)
{
	while (len > 0) {
		size_t n = len < HV_CONSOLE_MAX ? len : HV_CONSOLE_MAX;

		hcall(HV_CALL_CONSOLE_WRITE, (uint32_t)s, n, 0, 0);
		s += n;
		len -= n;
	}
}

static const char *hv_cmdline(void)
{
	return boot->cmdline;
}

static NORETURN void hv_power_off(unsigned status)
{
	for (;;)
		hcall(HV_CALL_SHUTDOWN, HV_SHUTDOWN_POWEROFF, status, 0, 0);
}

static void hv_set_gate(unsigned vector, struct desc gate)
{
	hcall(HV_CALL_LOAD_IDT_ENTRY, vector, gate.lo, gate.hi, 0);
}

static void hv_irq_disable(void)
{
	__atomic_store_n(&os_hv_shared.irq_enabled, 0, __ATOMIC_SEQ_CST);
}

static void hv_timer_once(uint32_t ns)
{
	hcall(HV_CALL_SET_TIMER, ns, 0, 0, 0);
}

static void hv_timer_ack(void)
{
}

static uint32_t hv_memory_top(void)
{
	return boot->mem_bytes;
}

static void hv_pt_start(unsigned format, uint32_t root)
{
	(void)format;           /* told when registering */
	hcall(HV_CALL_NEW_PGTABLE, root, 0, 0, 0);
}

static void hv_pt_changed(uint32_t root, uint32_t va, unsigned level)
{
	static const uint32_t calls[] = {
		[PT_CHANGED_ENTRY] = HV_CALL_SET_PTE,
		[PT_CHANGED_DIRECTORY] = HV_CALL_SET_PMD,
		[PT_CHANGED_TOP] = HV_CALL_SET_PGD,
	};

	hcall(calls[level], root, va, 0, 0);
}

static uint32_t hv_fault_address(void)
{
	return os_hv_shared.cr2;
}

static void hv_pt_forget_all(void)
{
	hcall(HV_CALL_FLUSH_TLB, HV_FLUSH_ALL, 0, 0, 0);
}

static void hv_set_kernel_stack(uint32_t top, unsigned pages)
{
	hcall(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA, top, pages, 0);
}

static void hv_fpu_ts(bool set)
{
	hcall(HV_CALL_TS, set, 0, 0, 0);
}

static const struct pv_ops hv_ops = {
	.machine = machine,
	.kernel_cs = HV_SEL_KERNEL_CODE,
	.kernel_ds = HV_SEL_KERNEL_DATA,
	.user_cs = HV_SEL_USER_CODE,
	.user_ds = HV_SEL_USER_DATA,
	.set_gate = hv_set_gate,
	.virtual_if = true,
	.irq_disable = hv_irq_disable,
	.wait_for_interrupt = os_hv_halt,
	.timer_once = hv_timer_once,
	.timer_ack = hv_timer_ack,
	.memory_top = hv_memory_top,
	.pt_start = hv_pt_start,
	.pt_changed = hv_pt_changed,
	.fault_address = hv_fault_address,
	.pt_forget_all = hv_pt_forget_all,
	.set_kernel_stack = hv_set_kernel_stack,
	.fpu_ts = hv_fpu_ts,
	.cmdline = hv_cmdline,
	.console_write = hv_console_write,
	.power_off = hv_power_off,
};

/* The first stage has registered (with the page-table format) and set
 * kernel_address. */
const struct pv_ops *pv_hv_init(const struct early_info *e)
{
	const char *v;
	size_t n = 0;

	boot = P2V(e->boot_info_gpa);
	os_hv_shared.noirq_start = (uint32_t)os_hv_noirq_start;
	os_hv_shared.noirq_end = (uint32_t)os_hv_noirq_end;
	for (v = "hv "; *v; v++)
		machine[n++] = *v;
	for (v = boot->hv_version; *v && n + 1 < sizeof(machine); v++)
		machine[n++] = *v;
	return &hv_ops;
}
