#include <lib/console.h>
#include <lib/percpu.h>
#include "clock.h"
#include "guest.h"
#include "trace.h"

static struct trace_ring rings[MAX_CPUS];

void trace(enum trace_kind kind, const struct guest *g, uint32_t a, uint32_t b)
{
	struct trace_event e = {
		.time_ns = clock_ns(), .kind = (uint8_t)kind,
		.guest = g ? (uint8_t)g->id : TRACE_NO_GUEST, .a = a, .b = b,
	};

	trace_ring_put(&rings[this_cpu()->index], &e);
}

void trace_dump(unsigned cpu, unsigned n)
{
	const struct trace_ring *r = &rings[cpu];
	uint32_t count = trace_ring_count(r), i;
	char text[64];

	if (!count) {
		kprintf("trace: CPU %u: nothing recorded yet\n", cpu);
		return;
	}
	n = MIN(n, count);
	kprintf("trace: CPU %u, the last %u of {%u} events\n", cpu, n,
		r->recorded);
	for (i = count - n; i < count; i++) {
		const struct trace_event *e = trace_ring_at(r, i);
		const char *who = e->guest < nguests ? guests[e->guest].name : "hv";

		trace_format(e, text, sizeof(text));
		kprintf("  {%6llu.%06llu} %-12s %s\n",
			(unsigned long long)(e->time_ns / 1000000000ull),
			(unsigned long long)(e->time_ns / 1000 % 1000000), who, text);
	}
}

uint32_t trace_recorded(unsigned cpu)
{
	return rings[cpu].recorded;
}
