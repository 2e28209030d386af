#include <stdarg.h>
#include <lib/console.h>
#include <lib/fmt.h>
#include <lib/panic.h>
#include <lib/percpu.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <switcher/switcher.h>
#include "clock.h"
#include "guest.h"
#include "ipi.h"
#include "monitor.h"
#include "monitor_line.h"
#include "monitor_walk.h"
#include "power.h"
#include "smp.h"
#include "trace.h"

#define MONITOR_TRACE_EVENTS    40
#define PAUSE_WAIT_NS           (100ull * 1000 * 1000)

struct command {
	const char *name, *args, *what;
	unsigned nargs;             /* words after the name */
	void (*run)(char **w);
};

static struct mon_line line;

/* The guest a word names: its name, or its number in the list. */
static struct guest *find_guest(const char *word)
{
	uint32_t id;
	unsigned i;

	for (i = 0; i < nguests; i++)
		if (!strcmp(guests[i].name, word))
			return &guests[i];
	if (mon_number(word, &id) && id < nguests)
		return &guests[id];
	kprintf("no guest '%s' (guests lists them)\n", word);
	return NULL;
}

static const char *state_name(const struct guest *g)
{
	if (g->paused && guest_alive(g))
		return "paused";
	switch (g->state) {
	case GUEST_OFFLINE: return "offline";
	case GUEST_RUNNABLE: return "running";
	case GUEST_HALTED: return "halted";
	case GUEST_RESTARTING: return "restarting";
	case GUEST_SHUTDOWN: return "shut down";
	case GUEST_KILLED: return "killed";
	default: return "unused";
	}
}

static void cmd_guests(char **w)
{
	unsigned i;

	(void)w;
	kprintf("  %-2s %-23s %-10s %9s %8s %4s\n", "id", "name", "state",
		"memory", "restarts", "cpu");
	for (i = 0; i < nguests; i++) {
		const struct guest *g = &guests[i];
		char name[GUEST_NAME_MAX + 12];

		if (g->nvcpus > 1)
			fmt_snprintf(name, sizeof(name), "%s vCPU %u", g->name,
				     g->vcpu);
		else
			fmt_snprintf(name, sizeof(name), "%s", g->name);
		kprintf("  %-2u %-23s %-10s %7uK %8u %4u%s\n", g->id, name,
			state_name(g), g->mem_given / 1024, g->restarts, g->cpu,
			g->pinned ? "p" : "");
	}
}

/* One fact per line: its name in a column, then the value. */
static PRINTF(2, 3) void fact(const char *name, const char *fmt, ...)
{
	va_list ap;

	kprintf("  %-18s ", name);
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
}

static void cmd_info(char **w)
{
	struct guest *g = find_guest(w[1]);
	unsigned k;

	if (!g)
		return;
	fact("state", "%s", state_name(g));
	if (g->state == GUEST_KILLED)
		fact("killed for", "%s", g->end_reason);
	if (g->state == GUEST_SHUTDOWN)
		fact("exit status", "%u", g->exit_status);
	fact("memory", "%u KiB", g->mem_given / 1024);
	if (g->nvcpus == 1)
		fact("virtual CPUs", "1, on CPU %u", g->cpu);
	else
		fact("virtual CPUs", "%u", g->nvcpus);
	for (k = 0; k < g->nvcpus && g->nvcpus > 1; k++) {
		const struct guest *v = vcpu_sibling(g, k);

		fact("", "vCPU %u on CPU %u, %s", k, v->cpu, state_name(v));
	}
	fact("restarts", "%u", g->restarts);
	fact("exits", "{%llu}", (unsigned long long)g->exits);
	fact("hypercalls", "{%llu}", (unsigned long long)g->hypercalls);
	fact("faults filled", "{%llu}",
	     (unsigned long long)g->shadow.stats.faults_fixed);
	fact("faults reflected", "{%llu}",
	     (unsigned long long)g->shadow.stats.faults_reflected);
	fact("input queued", "%u bytes", inring_count(&g->input));
	fact("input dropped", "%llu bytes", (unsigned long long)g->input.dropped);
}

static void cmd_regs(char **w)
{
	struct guest *g = find_guest(w[1]);
	const struct trap_frame *r;

	if (!g)
		return;
	r = &g->regs;
	kprintf("  eax {%08x}  ebx {%08x}  ecx {%08x}  edx {%08x}\n", r->eax,
		r->ebx, r->ecx, r->edx);
	kprintf("  esi {%08x}  edi {%08x}  ebp {%08x}  esp {%08x}\n", r->esi,
		r->edi, r->ebp, r->esp);
	kprintf("  eip {%08x}  eflags {%08x}  ring %u\n", r->eip, r->eflags,
		r->cs & 3);
	kprintf("  cs %04x  ss %04x  ds %04x  es %04x  fs %04x  gs %04x\n",
		r->cs & 0xFFFF, r->ss & 0xFFFF, r->ds & 0xFFFF, r->es & 0xFFFF,
		r->fs & 0xFFFF, r->gs & 0xFFFF);
}

static void cmd_walk(char **w)
{
	struct guest *g = find_guest(w[1]);
	uint32_t gva;

	if (!g)
		return;
	if (!mon_number(w[2], &gva)) {
		kprintf("'%s' is not an address (e.g. 0xC0000000)\n", w[2]);
		return;
	}
	if (!g->holds_memory) {
		kprintf("%s has ended: it has no tables left\n", g->name);
		return;
	}
	monitor_walk(g, gva);
}

static void cmd_shadow(char **w)
{
	struct guest *g = find_guest(w[1]);
	unsigned i;

	if (!g)
		return;
	if (!g->holds_memory) {
		kprintf("%s has ended: it has no shadows left\n", g->name);
		return;
	}
	kprintf("  quota: %u frames, %u in use, at most %u so far\n",
		g->shadow.frames.limit, g->shadow.frames.used,
		g->shadow.frames.peak);
	for (i = 0; i < SHADOW_SPACES; i++) {
		const struct shadow_space *sp = &g->shadow.spaces[i];

		if (!sp->used) {
			kprintf("  space %u: free\n", i);
			continue;
		}
		kprintf("  space %u: ", i);
		if (sp->root == SHADOW_LINEAR)
			kprintf("the start-up linear map");
		else
			kprintf("root 0x%08llx", (unsigned long long)sp->root);
		kprintf(", %u table frames%s\n", sp->pt.table_frames,
			sp == g->shadow.cur ? ", current" : "");
	}
}

static void cmd_mem(char **w)
{
	unsigned i;

	(void)w;
	kprintf("  frames free: {%llu} of {%llu}, {%llu} of them direct\n",
		(unsigned long long)hv_frames.free,
		(unsigned long long)hv_frames.total,
		(unsigned long long)hv_frames.free_direct);
	for (i = 0; i < nguests; i++) {
		const struct guest *g = &guests[i];

		if (!g->holds_memory)
			continue;
		kprintf("  %-23s %7uK memory, shadow quota %u frames (%u used)\n",
			g->name, g->mem.bytes / 1024, g->shadow.frames.limit,
			g->shadow.frames.used);
	}
}

static void cmd_ring(char **w)
{
	struct guest *g = find_guest(w[1]);
	unsigned i, count[3] = { 0, 0, 0 };
	bool mapped;

	if (!g)
		return;
	/* Its CPU unmaps the page under the lock when it releases it. */
	guest_lock(g);
	mapped = g->shared && g->holds_memory;
	for (i = 0; mapped && i < HV_ASYNC_SLOTS; i++)
		if (g->shared->slot_status[i] <= HV_SLOT_DONE)
			count[g->shared->slot_status[i]]++;
	guest_unlock(g);
	if (!mapped) {
		kprintf("%s has no shared page, so no ring\n", g->name);
		return;
	}
	kprintf("  slots: %u free, %u ready, %u done, of %u\n", count[0],
		count[1], count[2], HV_ASYNC_SLOTS);
	kprintf("  next looked at: slot %u\n", g->async_next);
}

static void cmd_kill(char **w)
{
	struct guest *g = find_guest(w[1]);

	if (!g)
		return;
	if (!guest_alive(g)) {
		kprintf("%s is not running (%s)\n", g->name, state_name(g));
		return;
	}
	guest_kill_whole(g, "killed from the monitor");
}

/*
 * A pause takes effect when the guest's CPU next looks (at once: it was
 * kicked); waiting for that keeps what the monitor then shows of the guest
 * from changing under it.
 */
static void wait_off_cpu(const struct guest *g)
{
	uint64_t end = clock_ns() + PAUSE_WAIT_NS;

	/* The monitor runs in this slice: the guest is out and stays out. */
	if (run_current() == g)
		return;

	while (__atomic_load_n(&g->on_cpu, __ATOMIC_ACQUIRE)) {
		if (clock_ns() >= end) {
			kprintf("%s: its CPU %u has not stopped it yet\n",
				g->name, g->cpu);
			return;
		}
		ipi_poll();
		cpu_relax();
	}
}

static void cmd_pause(char **w)
{
	struct guest *g = find_guest(w[1]);
	bool pause = w[0][0] == 'p';
	unsigned k;

	if (!g)
		return;
	if (!guest_alive(g)) {
		kprintf("%s is not running (%s)\n", g->name, state_name(g));
		return;
	}
	if (g->paused == pause) {
		kprintf("%s is already %s\n", g->name, pause ? "paused" : "going");
		return;
	}
	for (k = 0; k < g->nvcpus; k++) {   /* a guest pauses whole */
		struct guest *v = vcpu_sibling(g, k);

		v->paused = pause;
		cpu_kick(v->cpu);
		if (pause)
			wait_off_cpu(v);
	}
	kprintf("%s %s\n", g->name, pause ? "paused" : "resumed");
}

static void cmd_reboot(char **w)
{
	(void)w;
	power_reboot();
}

/* Every CPU as it is at this moment: the others run on meanwhile. */
static void cmd_cpus(char **w)
{
	unsigned cpu;

	(void)w;
	for (cpu = 0; cpu < cpus_online; cpu++) {
		const struct switcher_cpu *sw = switcher_cpu(cpu);
		const struct guest *g = run_current_on(cpu);
		const struct guest *loaded = sw->loaded_for;

		kprintf("  CPU %u, APIC id %u%s\n", cpu, cpus[cpu].apic_id,
			cpu == 0 ? " (the boot CPU)" : "");
		fact("running", "%s", g ? g->name : "no guest");
		fact("descriptors of", "%s", loaded ? loaded->name : "no guest yet");
		fact("register page", "0x%08x", sw->regs_va);
		fact("guest top table", "{0x%09llx}",
		     (unsigned long long)sw->guest_pt);
		fact("in guests", "{%llu} ms",
		     (unsigned long long)(cpus[cpu].guest_ns / 1000000));
		fact("idle halts", "{%llu}",
		     (unsigned long long)cpus[cpu].idle_halts);
		fact("trace", "{%u} events", trace_recorded(cpu));
	}
}

static void cmd_trace(char **w)
{
	(void)w;
	trace_dump(this_cpu()->index, MONITOR_TRACE_EVENTS);
}

static void cmd_panic(char **w)
{
	(void)w;
	panic("asked for from the monitor");
}

static void cmd_help(char **w);

static const struct command commands[] = {
	{ "help", "", "this list", 0, cmd_help },
	{ "guests", "", "every guest: state, memory, restarts, CPU (p: pinned)",
	  0, cmd_guests },
	{ "info", "GUEST", "one guest: state, counts, input", 1, cmd_info },
	{ "regs", "GUEST", "its registers, as saved", 1, cmd_regs },
	{ "walk", "GUEST ADDR", "ADDR through its tables and its shadow", 2,
	  cmd_walk },
	{ "shadow", "GUEST", "its shadow spaces and quota", 1, cmd_shadow },
	{ "ring", "GUEST", "its async ring", 1, cmd_ring },
	{ "mem", "", "the frame allocator and each guest's memory", 0, cmd_mem },
	{ "pause", "GUEST", "stop running it until resume", 1, cmd_pause },
	{ "resume", "GUEST", "let it run again", 1, cmd_pause },
	{ "kill", "GUEST", "end it", 1, cmd_kill },
	{ "cpus", "", "each CPU: what it runs, its switcher pages", 0,
	  cmd_cpus },
	{ "trace", "", "the last events on this CPU", 0, cmd_trace },
	{ "reboot", "", "reset the machine", 0, cmd_reboot },
	{ "panic", "", "stop the hypervisor with a crash dump", 0, cmd_panic },
};

static void cmd_help(char **w)
{
	unsigned i;

	(void)w;
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		kprintf("  %-7s %-11s %s\n", commands[i].name, commands[i].args,
			commands[i].what);
	kprintf("  GUEST is a name or a number from guests; Ctrl-A three "
		"times leaves\n");
}

static void run_line(char *text)
{
	char *w[MON_WORDS_MAX];
	unsigned n = mon_split(text, w, MON_WORDS_MAX), i;

	if (n == 0)
		return;
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct command *c = &commands[i];

		if (strcmp(w[0], c->name))
			continue;
		if (n != c->nargs + 1) {
			kprintf("usage: %s %s\n", c->name, c->args);
			return;
		}
		c->run(w);
		return;
	}
	kprintf("unknown command '%s' (help lists them)\n", w[0]);
}

static void prompt(void)
{
	console_write("hv> ", 4);
}

void monitor_enter(void)
{
	kprintf("console: input goes to the monitor (help lists its commands)\n");
	line.len = 0;
	prompt();
}

void monitor_leave(void)
{
	console_end_line();
}

void monitor_key(uint8_t c)
{
	char echo[3];
	unsigned n;

	if (!mon_line_feed(&line, c, echo, &n)) {
		console_write(echo, n);
		return;
	}
	console_write(echo, n);
	run_line(line.text);
	prompt();
}
