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
_Static_assert(OS_TLS_ENTRIES == HV_GDT_TLS_ENTRIES, "the TLS call loads them all");
_Static_assert(HV_IRQ_VECTOR_BASE + HV_IRQ_TIMER == OS_TIMER_VECTOR,
	       "the timer's vector");

/*
 * Calls that can wait go in the async ring (the shared page's): the
 * hypervisor runs the ring's ready slots whenever the OS enters it, before
 * the call that entered, so queued calls cost no exit of their own.
 * queued counts those since the last entry, for flush.
 */
static unsigned ring_next, queued;

static uint32_t call(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
		     uint32_t a4)
{
	queued = 0;
	return hcall(nr, a1, a2, a3, a4);
}

static void queue(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct hv_async_call *slot = &os_hv_shared.slots[ring_next];

	/* Still ready: the ring is full, the hypervisor must run it first. */
	if (__atomic_load_n(&os_hv_shared.slot_status[ring_next],
			    __ATOMIC_ACQUIRE) == HV_SLOT_READY)
		call(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
	slot->nr = nr;
	slot->args[0] = a1;
	slot->args[1] = a2;
	slot->args[2] = a3;
	slot->args[3] = 0;
	__atomic_store_n(&os_hv_shared.slot_status[ring_next], HV_SLOT_READY,
			 __ATOMIC_RELEASE);
	ring_next = (ring_next + 1) % HV_ASYNC_SLOTS;
	queued++;
}

static void hv_flush(void)
{
	if (queued)
		call(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

/* The halt enters the hypervisor too. */
static void hv_wait_for_interrupt(void)
{
	queued = 0;
	os_hv_halt();
}

static void hv_console_write(const char *s, size_t len)
{
	while (len > 0) {
		size_t n = len < HV_CONSOLE_MAX ? len : HV_CONSOLE_MAX;

		call(HV_CALL_CONSOLE_WRITE, (uint32_t)s, n, 0, 0);
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
		call(HV_CALL_SHUTDOWN, HV_SHUTDOWN_POWEROFF, status, 0, 0);
}

static void hv_set_gate(unsigned vector, struct desc gate)
{
	call(HV_CALL_LOAD_IDT_ENTRY, vector, gate.lo, gate.hi, 0);
}

static void hv_irq_disable(void)
{
	__atomic_store_n(&os_hv_shared.irq_enabled, 0, __ATOMIC_SEQ_CST);
}

static void hv_timer_once(uint32_t ns)
{
	call(HV_CALL_SET_TIMER, ns, 0, 0, 0);
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
	call(HV_CALL_NEW_PGTABLE, root, 0, 0, 0);
}

static void hv_pt_changed(uint32_t root, uint32_t va, unsigned level)
{
	static const uint32_t calls[] = {
		[PT_CHANGED_ENTRY] = HV_CALL_SET_PTE,
		[PT_CHANGED_DIRECTORY] = HV_CALL_SET_PMD,
		[PT_CHANGED_TOP] = HV_CALL_SET_PGD,
	};

	queue(calls[level], root, va, 0);
}

static uint32_t hv_fault_address(void)
{
	return os_hv_shared.cr2;
}

static void hv_set_kernel_stack(uint32_t top, unsigned pages)
{
	queue(HV_CALL_SET_STACK, HV_SEL_KERNEL_DATA, top, pages);
}

static void hv_load_tls(const struct desc *tls)
{
	queue(HV_CALL_LOAD_TLS, (uint32_t)tls, 0, 0);
}

static void hv_fpu_ts(bool set)
{
	call(HV_CALL_TS, set, 0, 0, 0);
}

static uint32_t hv_tsc_khz(void)
{
	return boot->tsc_khz;
}

static void hv_null_call(void)
{
	call(HV_CALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

static const struct pv_ops hv_ops = {
	.machine = machine,
	.kernel_cs = HV_SEL_KERNEL_CODE,
	.kernel_ds = HV_SEL_KERNEL_DATA,
	.user_cs = HV_SEL_USER_CODE,
	.user_ds = HV_SEL_USER_DATA,
	.user_tls = (HV_GDT_TLS_FIRST << 3) | 3,
	.set_gate = hv_set_gate,
	.virtual_if = true,
	.irq_disable = hv_irq_disable,
	.wait_for_interrupt = hv_wait_for_interrupt,
	.timer_once = hv_timer_once,
	.timer_ack = hv_timer_ack,
	.memory_top = hv_memory_top,
	.pt_start = hv_pt_start,
	.pt_changed = hv_pt_changed,
	.fault_address = hv_fault_address,
	.flush = hv_flush,
	.set_kernel_stack = hv_set_kernel_stack,
	.load_tls = hv_load_tls,
	.fpu_ts = hv_fpu_ts,
	.cmdline = hv_cmdline,
	.console_write = hv_console_write,
	.tsc_khz = hv_tsc_khz,
	.null_call = hv_null_call,
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
