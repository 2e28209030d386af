#include <lib/fmt.h>
#include "trace_ring.h"

void trace_ring_put(struct trace_ring *r, const struct trace_event *e)
{
	r->ev[r->recorded++ % TRACE_EVENTS] = *e;
}

uint32_t trace_ring_count(const struct trace_ring *r)
{
	return MIN(r->recorded, TRACE_EVENTS);
}

const struct trace_event *trace_ring_at(const struct trace_ring *r, uint32_t i)
{
	return &r->ev[(r->recorded - trace_ring_count(r) + i) % TRACE_EVENTS];
}

void trace_format(const struct trace_event *e, char *buf, size_t size)
{
	switch (e->kind) {
	case TRACE_EXIT:
		fmt_snprintf(buf, size, "exit %u at eip 0x%08x", e->a, e->b);
		break;
	case TRACE_HYPERCALL:
		fmt_snprintf(buf, size, "hypercall %u returned 0x%x", e->a, e->b);
		break;
	case TRACE_FAULT_FIXED:
		fmt_snprintf(buf, size, "page fault at 0x%08x (error %u) filled",
			     e->a, e->b);
		break;
	case TRACE_FAULT_REFLECTED:
		fmt_snprintf(buf, size, "page fault at 0x%08x given to it "
			     "(error %u)", e->a, e->b);
		break;
	case TRACE_KILL:
		fmt_snprintf(buf, size, "killed");
		break;
	default:
		fmt_snprintf(buf, size, "event %u", e->kind);
		break;
	}
}
