/*
 * Turning boot modules into guests. A module's command line may start with
 * its file name (a word without '='), then "name=", "mem=", "cpu=",
 * "vcpus=" and anything else, which the guest receives. A guest runs on
 * the CPU its "cpu=" names, or else the guests are dealt out over the CPUs
 * in order; a guest's vCPUs take consecutive CPUs from there (vcpu.h).
 * A module that is not a valid image, does not fit or carries a bad
 * argument is refused with a message naming it; the others still load.
 */
#include <x86/cr.h>
#include <boot/mb2.h>
#include <mm/mm.h>
#include <mm/paging.h>
#include <mm/window.h>
#include <switcher/switcher.h>
#include <lib/console.h>
#include <lib/fmt.h>
#include <lib/segments.h>
#include "clock.h"
#include "cmdline.h"
#include "elf.h"
#include "fpu.h"
#include "guest.h"
#include "segwrap.h"
#include "smp.h"
#include "version.h"

#define DEFAULT_MEM     (16u * 1024 * 1024)
#define MIN_MEM         (64u * 1024)

struct guest guests[MAX_GUESTS];
unsigned nguests;

struct module_args {
	char name[GUEST_NAME_MAX];
	uint32_t mem;
	int cpu;                    /* cpu=K, or -1 */
	unsigned vcpus;             /* vcpus=N */
};

static bool name_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* Copies s[0, len) as a name: false if empty, too long or odd characters. */
static bool take_name(char *dst, const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len >= GUEST_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (!name_char_ok(s[i]))
			return false;
		dst[i] = s[i];
	}
	dst[len] = '\0';
	return true;
}

/* The default name: the file name without its folder and ".elf". */
static void name_from_file(char *dst, const struct cmdline_word *w, unsigned index)
{
	const char *s = w->key, *end = w->key + w->keylen, *p;

	for (p = s; p < end; p++)
		if (*p == '/')
			s = p + 1;
	if (end - s > 4 && __builtin_memcmp(end - 4, ".elf", 4) == 0)
		end -= 4;
	if (!take_name(dst, s, (size_t)(end - s)))
		fmt_snprintf(dst, GUEST_NAME_MAX, "guest%u", index);
}

static const char *cpu_refused(const struct cmdline_word *w, char *err,
			       size_t errlen)
{
	char up[32];

	if (cpus_online == 1)
		fmt_snprintf(up, sizeof(up), "only CPU 0 is up");
	else
		fmt_snprintf(up, sizeof(up), "CPUs 0 to %u are up",
			     cpus_online - 1);
	fmt_snprintf(err, errlen, "bad cpu=%.*s (%s)", (int)w->valuelen,
		     w->value ? w->value : "", up);
	return err;
}

static const char *parse_args(const char *cmdline, unsigned index,
			      struct module_args *a, char *err, size_t errlen)
{
	struct cmdline_word w;
	const char *pos = cmdline;
	bool first = true;
	uint64_t mem;

	fmt_snprintf(a->name, sizeof(a->name), "guest%u", index);
	a->mem = DEFAULT_MEM;
	a->cpu = -1;
	a->vcpus = 1;
	while (cmdline_next(&pos, &w)) {
		if (first && !w.value)
			name_from_file(a->name, &w, index);
		first = false;
		if (cmdline_key_is(&w, "name")) {
			if (!take_name(a->name, w.value, w.valuelen))
				return fmt_snprintf(err, errlen, "bad name '%.*s' "
						    "(1-%u letters, digits, '-', '_', '.')",
						    (int)w.valuelen, w.value,
						    GUEST_NAME_MAX - 1), err;
		} else if (cmdline_key_is(&w, "mem")) {
			if (!w.value || !cmdline_parse_size(w.value, w.valuelen, &mem) ||
			    mem < MIN_MEM || mem > GUEST_MEM_MAX)
				return fmt_snprintf(err, errlen, "bad mem=%.*s "
						    "(64K to 1G)", (int)w.valuelen,
						    w.value ? w.value : ""), err;
			a->mem = (uint32_t)ALIGN_UP(mem, (uint64_t)PAGE_SIZE);
		} else if (cmdline_key_is(&w, "cpu")) {
			uint64_t k;

			if (!w.value || !cmdline_parse_size(w.value, w.valuelen, &k) ||
			    k >= cpus_online)
				return cpu_refused(&w, err, errlen);
			a->cpu = (int)k;
		} else if (cmdline_key_is(&w, "vcpus")) {
			uint64_t n;

			if (!w.value || !cmdline_parse_size(w.value, w.valuelen, &n) ||
			    n < 1 || n > HV_MAX_VCPUS)
				return fmt_snprintf(err, errlen, "bad vcpus=%.*s "
						    "(1 to %u)", (int)w.valuelen,
						    w.value ? w.value : "",
						    HV_MAX_VCPUS), err;
			a->vcpus = (unsigned)n;
		}
	}
	return NULL;
}

/* The guest's own arguments: the command line without the image's name. */
static const char *skip_image_name(const char *cmdline)
{
	struct cmdline_word w;
	const char *pos = cmdline;

	if (cmdline_next(&pos, &w) && !w.value) {
		while (*pos == ' ')
			pos++;
		return pos;
	}
	return cmdline;
}

/* Two guests may come from one image: later ones get a suffix. */
static void make_unique(char *name)
{
	unsigned i, n = 2;
	char base[GUEST_NAME_MAX];

	__builtin_memcpy(base, name, GUEST_NAME_MAX);
	for (i = 0; i < nguests; i++) {
		if (__builtin_strcmp(guests[i].name, name) != 0)
			continue;
		fmt_snprintf(name, GUEST_NAME_MAX, "%.*s-%u", GUEST_NAME_MAX - 4,
			     base, n++);
		i = (unsigned)-1;           /* check the new name from the start */
	}
}

static void write_boot_info(struct guest *g)
{
	struct hv_boot_info bi = { 0 };

	bi.magic = HV_GUEST_MAGIC;
	bi.abi_version = HV_ABI_VERSION;
	fmt_snprintf(bi.hv_version, sizeof(bi.hv_version), "%s", HV_VERSION);
	bi.mem_bytes = g->mem.bytes;
	/* Either format works on either host (a PAE guest on a 2-level host
	 * only loses NX). */
	bi.pt_formats = 1u << HV_PT_2LEVEL | 1u << HV_PT_PAE;
	bi.reserve_top = switcher_base;
	fmt_snprintf(bi.name, sizeof(bi.name), "%s", g->name);
	fmt_snprintf(bi.cmdline, sizeof(bi.cmdline), "%s", g->cmdline);
	bi.restarts = g->restarts;
	bi.features = g->shadow.host_nx ? HV_FEATURE_NX : 0;
	bi.tsc_khz = clock_tsc_khz();
	bi.vcpus = g->nvcpus;
	guest_mem_write(&g->mem, HV_BOOT_INFO_GPA, &bi, sizeof(bi));
}

static void initial_registers(struct guest *g, uint32_t entry)
{
	struct trap_frame *r = &g->regs;

	*r = (struct trap_frame){ 0 };
	r->eip = entry;
	r->cs = HV_SEL_KERNEL_CODE;
	r->ss = r->ds = r->es = HV_SEL_KERNEL_DATA;
	r->esp = g->mem.bytes;          /* the guest sets up its own stack */
	r->eflags = EFLAGS_RESERVED | EFLAGS_IF;
	r->eax = HV_GUEST_MAGIC;
	r->esi = HV_BOOT_INFO_GPA;
}

static void initial_tables(struct guest *g)
{
	unsigned i;

	switcher_fixed_gdt(0, g->gdt);
	g->gdt[GDT_GUEST_CODE] = desc_flat(SEG_CODE_RX, 1);
	g->gdt[GDT_GUEST_DATA] = desc_flat(SEG_DATA_RW, 1);
	g->gdt[GDT_USER_CODE] = desc_flat(SEG_CODE_RX, 3);
	g->gdt[GDT_USER_DATA] = desc_flat(SEG_DATA_RW, 3);
	for (i = GDT_GUEST_CODE; i <= GDT_USER_DATA; i++) {
		struct desc asked;

		gdt_entry_check(&g->gdt[i]);    /* sets the accessed bits */
		asked = g->gdt[i];
		segment_confine(&g->gdt[i], switcher_base);
		segwrap_record(g, i, asked, g->gdt[i]);
	}
	g->gdt_changed = g->idt_changed = true;
}

static const char *copy_image(struct guest *g, const uint8_t *image,
			      const struct elf_plan *plan)
{
	unsigned i;

	for (i = 0; i < plan->nsegments; i++) {
		const struct elf_segment *s = &plan->seg[i];

		if (!guest_mem_write(&g->mem, s->gpa, image + s->file_offset,
				     s->file_size))
			return "segment outside guest memory";
	}
	return NULL;
}

/* Fills g from its image: memory, shadow, boot info, registers, tables. */
static const char *boot_from_image(struct guest *g, const struct module_args *a,
				   char *err, size_t errlen)
{
	const struct mb2_module *mod = g->module;
	uint32_t size = mod->end - mod->start;
	struct elf_plan plan;
	const uint8_t *image;
	const char *why;
	uint32_t quota;

	image = module_window_map(mod->start, size);
	if (!image)
		return "cannot map the image";
	why = elf_plan(image, size, a->mem, HV_BOOT_INFO_GPA, &plan, err, errlen);
	if (!why && !guest_mem_alloc(&g->mem, a->mem, &hv_frames)) {
		fmt_snprintf(err, errlen, "not enough memory for mem=%uK "
			     "(%lluK free)", a->mem / 1024,
			     (unsigned long long)hv_frames.free * 4);
		why = err;
	}
	if (!why && (why = copy_image(g, image, &plan)))
		guest_mem_free(&g->mem, &hv_frames);
	module_window_unmap();
	if (why)
		return why;
	quota = shadow_quota(host_pt.mode, g->mem.bytes, switcher_base);
	if (!shadow_create(&g->shadow, host_pt.mode, host_pt.nx, &hv_frames,
			   &g->mem, switcher_base, quota)) {
		guest_mem_free(&g->mem, &hv_frames);
		fmt_snprintf(err, errlen, "not enough memory for its shadow page "
			     "tables (%uK, %lluK free)", quota * 4,
			     (unsigned long long)hv_frames.free_direct * 4);
		return err;
	}
	g->state = GUEST_RUNNABLE;
	g->holds_memory = true;
	g->nvcpus = g->vcpus_holding = 1;
	g->mem_given = g->mem.bytes;
	write_boot_info(g);
	initial_registers(g, plan.entry);
	initial_tables(g);
	fpu_guest_init(g);
	return NULL;
}

static const char *load_one(const struct mb2_module *mod, unsigned index,
			    char *err, size_t errlen)
{
	struct guest *g = &guests[nguests];
	struct module_args a;
	const char *why;

	__builtin_memset(g, 0, sizeof(*g));
	if (__builtin_strlen(mod->cmdline) >= sizeof(g->cmdline))
		return "command line longer than 255 characters";
	if ((why = parse_args(mod->cmdline, index, &a, err, errlen)))
		return why;
	g->module = mod;
	g->module_index = index;
	if ((why = boot_from_image(g, &a, err, errlen)))
		return why;
	g->id = nguests;
	g->cpu = a.cpu >= 0 ? (unsigned)a.cpu : nguests % cpus_online;
	g->pinned = a.cpu >= 0;
	__builtin_memcpy(g->name, a.name, sizeof(g->name));
	make_unique(g->name);
	fmt_snprintf(g->cmdline, sizeof(g->cmdline), "%s",
		     skip_image_name(mod->cmdline));
	if (a.vcpus > 1 && (why = vcpus_add(g, a.vcpus, a.cpu, err, errlen))) {
		shadow_destroy(&g->shadow);
		guest_mem_free(&g->mem, &hv_frames);
		return why;
	}
	write_boot_info(g);         /* again, with the final name */
	nguests += g->nvcpus;
	kprintf("guest %s: loaded from module %u, %u KiB", g->name, index,
		g->mem.bytes / 1024);
	if (g->nvcpus > 1)
		kprintf(", %u vCPUs", g->nvcpus);
	if (cpus_online > 1)
		kprintf(", cpu %u", g->cpu);
	if (g->mem.frames_high)
		kprintf(" (%u KiB of it above 4 GiB)", g->mem.frames_high * 4);
	kprintf(", entry {0x%08x}\n", g->regs.eip);
	return NULL;
}

bool guest_reload(struct guest *g)
{
	/* Identity and history survive a restart; the rest starts afresh. */
	const struct mb2_module *module = g->module;
	unsigned id = g->id, index = g->module_index, restarts = g->restarts;
	unsigned cpu = g->cpu, moves = g->moves;
	bool pinned = g->pinned;
	uint64_t exits = g->exits, hypercalls = g->hypercalls;
	char name[GUEST_NAME_MAX], cmdline[sizeof(g->cmdline)];
	struct module_args a;
	const char *why;
	char err[160];

	__builtin_memcpy(name, g->name, sizeof(name));
	__builtin_memcpy(cmdline, g->cmdline, sizeof(cmdline));
	guest_lock(g);              /* its input ring is the boot CPU's too */
	__builtin_memset(g, 0, sizeof(*g));
	g->id = id;
	g->cpu = cpu;
	g->pinned = pinned;
	g->moves = moves;
	g->state = GUEST_RESTARTING;
	guest_unlock(g);
	g->module = module;
	g->module_index = index;
	g->restarts = restarts + 1;
	g->exits = exits;
	g->hypercalls = hypercalls;
	__builtin_memcpy(g->name, name, sizeof(g->name));
	__builtin_memcpy(g->cmdline, cmdline, sizeof(g->cmdline));
	why = parse_args(g->module->cmdline, g->module_index, &a, err, sizeof(err));
	if (!why)
		why = boot_from_image(g, &a, err, sizeof(err));
	if (why) {
		g->state = GUEST_KILLED;
		fmt_snprintf(g->end_reason, sizeof(g->end_reason),
			     "restart failed: %s", why);
		kprintf("guest %s killed: %s\n", g->name, g->end_reason);
		guest_count_ended();
		return false;
	}
	kprintf("guest %s: restarted (%u)\n", g->name, g->restarts);
	return true;
}

unsigned modules_refused;

void guests_load(const struct mb2_info *info)
{
	unsigned i;
	char err[160];

	for (i = 0; i < info->nmodules; i++) {
		const char *why;

		if (nguests == MAX_GUESTS) {
			kprintf("module %u: refused: more than %u guests\n", i,
				MAX_GUESTS);
			modules_refused++;
			continue;
		}
		why = load_one(&info->modules[i], i, err, sizeof(err));
		if (why) {
			kprintf("module %u ('%s'): refused: %s\n", i,
				info->modules[i].cmdline, why);
			modules_refused++;
		}
	}
}
