/*
 * The boot CPU's path from GRUB to the main loop: take over the CPU tables,
 * read what the boot loader and firmware say about the machine, build the
 * frame allocator and page tables, start the timer, report, and run.
 */
#include <boot/bootinfo.h>
#include <mm/mm.h>
#include <mm/paging.h>
#include <x86/apic.h>
#include <x86/msr.h>
#include <x86/io.h>
#include <lib/console.h>
#include <lib/lock_order.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include <switcher/switcher.h>
#include "acpi.h"
#include "cpu.h"
#include "cpu_tables.h"
#include "display.h"
#include "fpu.h"
#include "guest.h"
#include "ipi.h"
#include "keyboard.h"
#include "lapic.h"
#include "options.h"
#include "power.h"
#include "serial_irq.h"
#include "smp.h"
#include "timer.h"
#include "trace.h"
#include "version.h"

void boot_main(uint32_t magic, uint32_t mbi_pa);

static struct mb2_info boot_info;
static struct acpi_info acpi;

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void report_cpu(const struct cpu_features *f)
{
	kprintf("cpu: %s family %u model %u%s%s\n", f->vendor, f->family,
		f->model, f->brand[0] ? ", " : "", f->brand);
	kprintf("cpu: pae %s, nx %s, pge %s, apic %s, pse %s\n",
		yes_no(f->pae), yes_no(f->nx), yes_no(f->pge), yes_no(f->apic),
		yes_no(f->pse));
}

static void report_acpi(void)
{
	if (acpi.warning[0])
		kprintf("acpi: %s\n", acpi.warning);
	if (!acpi.found) {
		kprintf("acpi: no tables found; assuming 1 CPU\n");
		return;
	}
	kprintf("acpi: revision %u tables from %s\n", acpi.revision, acpi.oem);
	if (!acpi.have_madt)
		kprintf("acpi: no MADT; assuming 1 CPU\n");
	kprintf("cpus: %u found\n",
		acpi.have_madt && acpi.ncpus ? acpi.ncpus : 1);
	if (!acpi.poweroff.valid)
		kprintf("acpi: no S5 sleep state; power-off will halt instead\n");
}

static enum paging_mode choose_paging(enum paging_choice want,
				      const struct cpu_features *f)
{
	switch (want) {
	case PAGING_CHOICE_2LEVEL:
		return PAGING_2LEVEL;
	case PAGING_CHOICE_PAE:
		if (f->pae)
			return PAGING_PAE;
		kprintf("paging: paging=pae refused: this CPU has no PAE; "
			"using 2-level paging\n");
		return PAGING_2LEVEL;
	case PAGING_CHOICE_AUTO:
	default:
		return f->pae ? PAGING_PAE : PAGING_2LEVEL;
	}
}

/* Proves a frame above 4 GiB can be allocated, written and read back. */
static void high_memory_selftest(void)
{
	hpa_t pa;
	volatile uint32_t *p;
	bool ok;

	if (!hv_memory.usable_high)
		return;
	pa = frame_alloc(&hv_frames, FRAME_ANY);
	if (pa == FRAME_NONE || pa < 4ull * GiB)
		panic("memory: the allocator did not hand out high memory");
	p = kmap(pa);
	p[0] = 0x5A5AA5A5u;
	p[1023] = (uint32_t)(pa >> 32);
	ok = p[0] == 0x5A5AA5A5u && p[1023] == (uint32_t)(pa >> 32);
	kunmap((void *)p);
	frame_free(&hv_frames, pa);
	if (!ok)
		panic("memory: frame 0x%llx above 4 GiB reads back wrong",
		      (unsigned long long)pa);
	kprintf("memory: frames above 4 GiB are allocated and reachable\n");
}

static uint32_t find_lapic(const struct cpu_features *f)
{
	if (!f->apic)
		return 0;
	if (f->msr)
		return lapic_base();
	return acpi.lapic_base ? acpi.lapic_base : LAPIC_DEFAULT_BASE;
}

static void report_modules(void)
{
	unsigned i;

	kprintf("modules: %u\n", boot_info.nmodules);
	for (i = 0; i < boot_info.nmodules; i++) {
		const struct mb2_module *m = &boot_info.modules[i];

		kprintf("  module %u: {%u} bytes at {0x%08x}, '%s'\n", i,
			m->end - m->start, m->start, m->cmdline);
	}
	if (boot_info.modules_dropped)
		kprintf("modules: %u more ignored (at most %u)\n",
			boot_info.modules_dropped, MB2_MAX_MODULES);
}

static NORETURN void run_guests(void)
{
	uint64_t frames_before;

	switcher_init();
	frames_before = hv_frames.free;
	guests_load(&boot_info);
	if (nguests == 0) {
		kprintf("guests: none to run\n");
		power_off(modules_refused ? POWER_FAILURE : POWER_SUCCESS);
	}
	/* Until now every write waited for the line: a hang loses nothing. */
	serial_irq_init();
	keyboard_init();
	power_off((enum power_status)guests_run(frames_before));
}

#define PANIC_TRACE_EVENTS  32

/* After the panic message: what led to it, then the panic status. */
static NORETURN void stop_on_panic(void)
{
	const struct guest *g = run_current();

	cpu_stop_others();
	kprintf("panic: %s%s was running on CPU %u\n", g ? "guest " : "",
		g ? g->name : "no guest", this_cpu()->index);
	trace_dump(this_cpu()->index, PANIC_TRACE_EVENTS);
	power_off(POWER_PANIC);
}

void boot_main(uint32_t magic, uint32_t mbi_pa)
{
	enum paging_mode mode;
	uint32_t lapic_pa;

	panic_set_stop(stop_on_panic);
	console_init();
	kprintf("\n%s %s: bare-metal x86 microhypervisor\n", HV_NAME, HV_VERSION);
	cpu_tables_init(this_cpu());
	bootinfo_load(magic, mbi_pa, &boot_info);
	kprintf("boot: loaded by %s\n",
		boot_info.loader_name[0] ? boot_info.loader_name : "an unnamed loader");
	kprintf("cmdline: '%s'\n", boot_info.cmdline);
	options_parse(boot_info.cmdline, &hv_options);
	lock_checking = hv_options.lockcheck;
	display_init(&boot_info, hv_options.console);

	cpu_detect(&cpu_features);
	cpu_state_reset(&cpu_features);
	report_cpu(&cpu_features);
	acpi_parse(boot_info.rsdp, boot_info.rsdp_len, &acpi);
	report_acpi();
	power_set_acpi(&acpi.poweroff);

	mode = choose_paging(hv_options.paging, &cpu_features);
	mm_init(&boot_info, mode);
	lapic_pa = find_lapic(&cpu_features);
	paging_enable(mode, cpu_features.nx && cpu_features.msr,
		      hv_memory.direct_top, lapic_pa);
	display_map();          /* before anything draws on the screen again */
	cpu_tables_set_cr3(this_cpu(), (uint32_t)host_pt.root);
	kmap_init();
	kprintf("paging: %s%s, direct map up to {0x%08llx}\n",
		mode == PAGING_PAE ? "PAE" : "2-level",
		host_pt.nx ? " with NX" : "",
		(unsigned long long)hv_memory.direct_top);
	kprintf("memory: {%llu} frames free\n", (unsigned long long)hv_frames.free);
	high_memory_selftest();

	if (lapic_pa)
		lapic_enable(lapic_pa);
	timer_init(lapic_pa != 0);
	fpu_init();             /* before the other CPUs copy its set-up */
	ipi_init();
	smp_start(&acpi, &boot_info, lapic_pa, hv_options.cpus,
		  hv_options.silent_cpus);
	report_modules();
	if (hv_options.crash != CRASH_NONE)
		crash_now(hv_options.crash);
	run_guests();
}
