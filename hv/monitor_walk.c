#include <x86/pte.h>
#include <lib/console.h>
#include <mm/phys.h>
#include "guest.h"
#include "monitor_walk.h"

struct level {
	const char *name;
	unsigned shift, bits;
};

static const struct level levels_2level[] = {
	{ "PDE", PT2_PDE_SHIFT, 10 }, { "PTE", PTE_INDEX_SHIFT, 10 },
};
static const struct level levels_pae[] = {
	{ "PDPTE", PAE_PDPTE_SHIFT, 2 }, { "PDE", PAE_PDE_SHIFT, 9 },
	{ "PTE", PTE_INDEX_SHIFT, 9 },
};

/* Where the tables are read from: guest memory, or the host's. */
struct tables {
	const char *who;            /* "guest" or "shadow" */
	struct guest *g;            /* NULL: host tables, through the direct map */
	bool pae;
};

static bool read_entry(const struct tables *t, uint64_t at, uint64_t *e)
{
	uint32_t w[2] = { 0, 0 };

	if (!t->g) {
		*e = t->pae ? *(uint64_t *)phys_direct(at) : *(uint32_t *)phys_direct(at);
		return true;
	}
	if (!guest_mem_read(&t->g->mem, at, w, t->pae ? 8 : 4))
		return false;
	*e = ((uint64_t)w[1] << 32) | w[0];
	return true;
}

/* "0x..." as is for guest addresses; in braces for the host's. */
static void address(const struct tables *t, uint64_t a)
{
	kprintf(t->g ? "0x%08llx" : "{0x%09llx}", (unsigned long long)a);
}

static void flags(uint64_t e)
{
	kprintf(" %c%c%c%c%c%s%s\n", e & PTE_P ? 'P' : '-', e & PTE_W ? 'W' : '-',
		e & PTE_U ? 'U' : '-', e & PTE_A ? 'A' : '-', e & PTE_D ? 'D' : '-',
		e & PTE_PS ? " PS" : "", e & PTE_NX ? " NX" : "");
}

/* Prints each level's entry for gva from root; stops where the walk ends. */
static void walk_tables(const struct tables *t, uint64_t root, uint32_t gva)
{
	const struct level *lv = t->pae ? levels_pae : levels_2level;
	unsigned n = t->pae ? 3 : 2, i;
	uint64_t mask = t->pae ? PAE_ADDR_MASK : PT2_ADDR_MASK, table = root, e;

	for (i = 0; i < n; i++) {
		unsigned index = (gva >> lv[i].shift) & ((1u << lv[i].bits) - 1);
		uint64_t at = table + index * (t->pae ? 8u : 4u);

		kprintf("  %-6s %-5s[%4u] at ", t->who, lv[i].name, index);
		address(t, at);
		if (!read_entry(t, at, &e)) {
			kprintf(": past its memory\n");
			return;
		}
		kprintf(t->g ? ": 0x%0*llx" : ": {0x%0*llx}", t->pae ? 16 : 8,
			(unsigned long long)e);
		flags(e);
		if (!(e & PTE_P))
			return;
		if ((e & PTE_PS) && i == n - 2) {
			uint64_t span = 1ull << lv[i].shift;

			kprintf("  %-6s maps ", t->who);
			address(t, (e & mask & ~(span - 1)) + (gva & (span - 1)));
			kprintf(" (a large page)\n");
			return;
		}
		table = e & mask;
	}
	kprintf("  %-6s maps ", t->who);
	address(t, table + (gva & 0xFFFu));
	kprintf("\n");
}

void monitor_walk(struct guest *g, uint32_t gva)
{
	struct shadow_space *sp = g->shadow.cur;
	struct tables guest_t = { "guest", g, g->shadow.format == GPT_PAE };
	struct tables host_t = { "shadow", NULL, g->shadow.host_mode == PAGING_PAE };

	if (gva >= g->shadow.reserve_top) {
		kprintf("0x%08x is in the switcher's reserve: never the guest's\n",
			gva);
		return;
	}
	if (!sp || sp->root == SHADOW_LINEAR)
		kprintf("  guest  no tables of its own: maps 0x%08x one to one%s\n",
			gva, gva < g->mem.bytes ? "" : ", past its memory");
	else
		walk_tables(&guest_t, sp->root, gva);
	if (sp)
		walk_tables(&host_t, sp->pt.root, gva);
}
