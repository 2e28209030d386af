/*
 * The model: what a bare-metal CPU in protected mode does with the
 * instructions the fuzzer generates (Intel SDM vol. 2 MOV, POP, LDS, JMP,
 * CALL, RET, IRET, INT n; vol. 3 ch. 5-6), for the GDT of segs.c, the IDT
 * of gates.c, CR4 and EFER as the hypervisor leaves them and IOPL 0. It
 * answers for one instruction at a time: it completes (and the state
 * changes), it raises this exception, or it is "unsafe": the two
 * emulators differ (QEMU's TCG ignores segment limits) or it would make
 * the guest write where it keeps its own state. The generator never
 * emits an unsafe choice, so every case has one right answer.
 */
#include <x86/desc.h>
#include <x86/exception.h>
#include "hv.h"
#include "fuzz.h"

#define SEL_ERROR(sel)      ((uint32_t)(sel) & 0xFFFCu)
#define SEL_NULL(sel)       (((sel) & 0xFFFCu) == 0)

static void set_fault(struct fault *f, unsigned vector, uint32_t error)
{
	*f = (struct fault){ .vector = vector, .has_error = true,
			     .error = error };
}

static bool is_code(const struct seg_desc *d)
{
	return d->type & SEG_TYPE_CODE;
}

static bool conforming(const struct seg_desc *d)
{
	return is_code(d) && (d->type & SEG_TYPE_CONFORMING);
}

static bool within(uint32_t linear, unsigned bytes, uint32_t lo, uint32_t hi)
{
	return linear >= lo && linear < hi && bytes <= hi - linear;
}

/* Memory a case may write: its scratch area, and the low area. */
static bool safe_area(uint32_t linear, unsigned bytes)
{
	return within(linear, bytes, SCRATCH_START, SCRATCH_END) ||
	       within(linear, bytes, LOW_START, LOW_END);
}

/* Past guest memory, below the reserve: every access there faults. */
static bool fault_area(uint32_t linear, unsigned bytes)
{
	return within(linear, bytes, hv_boot->mem_bytes, hv_boot->reserve_top);
}

static void page_fault(const struct mstate *m, struct fault *f,
		       uint32_t linear, bool write)
{
	*f = (struct fault){ .vector = VEC_PAGE_FAULT, .has_error = true,
			     .error = (write ? PFEC_WRITE : 0) |
				      (m->cpl == 3 ? PFEC_USER : 0),
			     .cr2_valid = true, .cr2 = linear };
}

/* esp += delta; on a 16-bit stack only SP moves. */
void model_esp_add(struct mstate *m, int32_t delta)
{
	const struct seg_desc *d = segs_lookup(m->sreg[SR_SS]);
	uint32_t esp = m->esp + (uint32_t)delta;

	if (!d->big)
		esp = (m->esp & 0xFFFF0000u) | (esp & 0xFFFF);
	m->esp = esp;
}

uint32_t model_eip(const struct mstate *m, uint32_t linear)
{
	return linear - segs_base(m->sreg[SR_CS]);
}

/*
 * A stack access of bytes at esp + offset. Pushes fault on their highest
 * dword first (the first one written), pops on their lowest.
 */
enum mres model_stack(const struct mstate *m, int offset, unsigned bytes,
		      bool write, struct fault *f)
{
	const struct seg_desc *d = segs_lookup(m->sreg[SR_SS]);
	uint32_t off = m->esp + (uint32_t)offset, linear;

	if (!d->big)
		off &= 0xFFFF;
	if (off + bytes < off || off + bytes - 1 > d->limit)
		return M_UNSAFE;            /* a limit only Bochs checks */
	linear = d->base + off;
	if (safe_area(linear, bytes))
		return M_OK;
	if (!fault_area(linear, bytes))
		return M_UNSAFE;
	page_fault(m, f, write ? linear + bytes - 4 : linear, write);
	return M_FAULT;
}

/*
 * The stack accesses of far calls and returns: QEMU's TCG makes them as
 * supervisor accesses whatever the CPL, so a #PF they raise from ring 3
 * lacks the U bit that Bochs and the SDM give it.
 */
static enum mres far_stack(const struct mstate *m, int offset, unsigned bytes,
			   bool write, struct fault *f)
{
	enum mres res = model_stack(m, offset, bytes, write, f);

	if (res == M_FAULT)
		f->error_ignore = PFEC_USER;
	return res;
}

/* Fetching the instruction at cs:eip (what it is, the caller knows). */
enum mres model_fetch(const struct mstate *m, uint32_t eip, struct fault *f)
{
	const struct seg_desc *d = segs_lookup(m->sreg[SR_CS]);
	uint32_t linear = d->base + eip;

	if (eip > d->limit)
		return M_UNSAFE;            /* QEMU's iret does not check it */
	if (within(linear, 2, FUZZ_CODE, FUZZ_DATA) ||
	    within(linear, 2, SCRATCH_START, SCRATCH_END))
		return M_OK;
	if (!fault_area(linear, 1))
		return M_UNSAFE;
	page_fault(m, f, linear, false);
	return M_FAULT;
}

/*
 * A read of bytes at a linear address through %ds: the offset to use.
 * Through a null %ds a CPU raises #GP(0); QEMU's TCG reads at base 0.
 */
enum mres model_data(const struct mstate *m, uint32_t linear, unsigned bytes,
		     uint32_t *offset, struct fault *f)
{
	uint16_t sel = m->sreg[SR_DS];
	const struct seg_desc *d;

	(void)f;
	if (SEL_NULL(sel))
		return M_UNSAFE;
	d = segs_lookup(sel);
	*offset = linear - d->base;
	if (*offset + bytes - 1 > d->limit)
		return M_UNSAFE;
	return M_OK;
}

/* mov/pop/lds into a data segment register or SS (SDM vol. 2, MOV). */
enum mres model_load_seg(struct mstate *m, enum sreg r, uint16_t sel,
			 struct fault *f)
{
	const struct seg_desc *d = segs_lookup(sel);
	unsigned rpl = sel & SEL_RPL_MASK;
	bool bad;

	if (SEL_NULL(sel)) {
		if (r == SR_SS) {
			set_fault(f, VEC_GP, 0);
			return M_FAULT;
		}
		m->sreg[r] = sel;
		return M_OK;
	}
	if (!d) {
		set_fault(f, VEC_GP, SEL_ERROR(sel));   /* LDT (none) or past the GDT */
		return M_FAULT;
	}
	if (r == SR_SS)
		bad = rpl != m->cpl || !d->segment || is_code(d) ||
		      !(d->type & SEG_TYPE_WRITABLE) || d->dpl != m->cpl;
	else
		bad = !d->segment ||
		      (is_code(d) && !(d->type & SEG_TYPE_READABLE)) ||
		      (!conforming(d) && (rpl > d->dpl || m->cpl > d->dpl));
	if (bad) {
		set_fault(f, VEC_GP, SEL_ERROR(sel));
		return M_FAULT;
	}
	m->sreg[r] = sel;                   /* every segment here is present */
	return M_OK;
}

/* The checks a far jump or call makes of a code segment (no gates here). */
static bool bad_far_target(const struct mstate *m, uint16_t sel,
			   struct fault *f)
{
	const struct seg_desc *d = segs_lookup(sel);
	unsigned rpl = sel & SEL_RPL_MASK;

	if (SEL_NULL(sel)) {
		set_fault(f, VEC_GP, 0);
		return true;
	}
	/* Empty entries, the TSS (DPL 0, busy), data: all #GP(selector). */
	if (!d || !d->segment || !is_code(d) ||
	    (conforming(d) ? d->dpl > m->cpl : rpl > m->cpl || d->dpl != m->cpl)) {
		set_fault(f, VEC_GP, SEL_ERROR(sel));
		return true;
	}
	return false;
}

enum mres model_far_transfer(struct mstate *m, uint16_t sel, uint32_t eip,
			     bool call, struct fault *f)
{
	const struct seg_desc *d;
	enum mres res;

	if (bad_far_target(m, sel, f))
		return M_FAULT;
	d = segs_lookup(sel);
	/* Past the limit QEMU says #GP(selector), Bochs and the SDM #GP(0). */
	if (eip > d->limit)
		return M_UNSAFE;
	if (call && (res = far_stack(m, -8, 8, true, f)) != M_OK)
		return res;
	if (call)
		model_esp_add(m, -8);
	m->sreg[SR_CS] = (uint16_t)((sel & ~SEL_RPL_MASK) | m->cpl);
	return M_OK;
}

/* On a return to an outer ring, data segments it may not use become null. */
static void null_inner_segments(struct mstate *m, unsigned cpl)
{
	static const enum sreg data[] = { SR_ES, SR_DS, SR_FS, SR_GS };
	unsigned i;

	for (i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
		const struct seg_desc *d = segs_lookup(m->sreg[data[i]]);

		if (SEL_NULL(m->sreg[data[i]]) || !d)
			continue;
		if (!conforming(d) && d->dpl < cpl)
			m->sreg[data[i]] = 0;
	}
}

/* The new stack of a return to an outer ring (SDM vol. 2, IRET). */
static bool bad_outer_stack(uint16_t ss, unsigned rpl, struct fault *f)
{
	const struct seg_desc *d = segs_lookup(ss);

	if (SEL_NULL(ss)) {
		set_fault(f, VEC_GP, 0);
		return true;
	}
	if ((ss & SEL_RPL_MASK) != rpl || !d || !d->segment || is_code(d) ||
	    !(d->type & SEG_TYPE_WRITABLE) || d->dpl != rpl) {
		set_fault(f, VEC_GP, SEL_ERROR(ss));
		return true;
	}
	return false;
}

/* The checks of the code segment a far return goes to. */
static bool bad_return_cs(const struct mstate *m, uint16_t cs, struct fault *f)
{
	const struct seg_desc *d = segs_lookup(cs);
	unsigned rpl = cs & SEL_RPL_MASK;

	if (SEL_NULL(cs)) {
		set_fault(f, VEC_GP, 0);
		return true;
	}
	if (!d || !d->segment || !is_code(d) || rpl < m->cpl ||
	    (conforming(d) ? d->dpl > rpl : d->dpl != rpl)) {
		set_fault(f, VEC_GP, SEL_ERROR(cs));
		return true;
	}
	return false;
}

static uint32_t iret_eflags(const struct mstate *m, uint32_t value)
{
	/* At CPL > 0 with IOPL 0, IOPL, IF, VIF and VIP stay as they are. */
	uint32_t mask = EFLAGS_STATUS | EFLAGS_TF | EFLAGS_DF | EFLAGS_NT |
			EFLAGS_AC | EFLAGS_ID | EFLAGS_RF;

	return (m->eflags & ~mask) | (value & mask) | EFLAGS_RESERVED;
}

/*
 * iret (frame: eip, cs, eflags[, esp, ss]) or lret (eip, cs, addend bytes
 * [, esp, ss]) with the frame at esp. A set NT makes iret a task return,
 * to the TSS's back link, which is 0 here: #TS(0).
 */
enum mres model_far_return(struct mstate *m, const uint32_t *frame,
			   bool iret, unsigned addend, struct fault *f)
{
	unsigned words = iret ? 3 : 2, rpl;
	uint16_t cs = (uint16_t)frame[1], ss;
	enum mres res;
	struct mstate n = *m;

	if (iret && (m->eflags & EFLAGS_NT)) {
		set_fault(f, VEC_INVALID_TSS, 0);
		return M_FAULT;
	}
	if ((res = far_stack(m, 0, words * 4, false, f)) != M_OK)
		return res;
	/* QEMU enters virtual-8086 mode from any ring here; the SDM not. */
	if (iret && (frame[2] & EFLAGS_VM))
		return cfg.vm86 ? M_OPEN : M_UNSAFE;
	if (bad_return_cs(m, cs, f))
		return M_FAULT;
	rpl = cs & SEL_RPL_MASK;
	model_esp_add(&n, (int32_t)(words * 4 + addend));
	if (rpl != m->cpl) {
		if ((res = far_stack(&n, 0, 8, false, f)) != M_OK)
			return res;
		ss = (uint16_t)frame[words + 1];
		if (bad_outer_stack(ss, rpl, f))
			return M_FAULT;
		n.sreg[SR_SS] = ss;
		n.esp = frame[words] + addend;
		n.cpl = rpl;
		null_inner_segments(&n, rpl);
	}
	n.sreg[SR_CS] = cs;
	if (frame[0] > segs_lookup(cs)->limit)
		return M_UNSAFE;
	if (iret)
		n.eflags = iret_eflags(m, frame[2]);
	*m = n;
	return M_OK;
}

/* int n, int3, into: the gate's DPL, then whether it is present. */
enum mres model_soft_int(const struct mstate *m, unsigned vector,
			 struct fault *f)
{
	const struct gate_info *g = gate(vector);
	unsigned dpl = g->dpl ? g->dpl : 1;     /* the guest's DPL 0 is ring 1 */

	if (dpl < m->cpl) {
		set_fault(f, VEC_GP, SELEC_IDT_VECTOR(vector));
		return M_FAULT;
	}
	if (!g->present) {
		/* The CPU's gate is the hypervisor's: it decodes the int. */
		set_fault(f, VEC_NO_SEGMENT, SELEC_IDT_VECTOR(vector));
		f->by_hv = true;
		return M_FAULT;
	}
	return M_OK;
}

/* popf at CPL > 0, IOPL 0: IOPL and IF stay (no fault), VM and RF too. */
uint32_t model_popf(const struct mstate *m, uint32_t value)
{
	uint32_t mask = EFLAGS_STATUS | EFLAGS_TF | EFLAGS_DF | EFLAGS_NT |
			EFLAGS_AC | EFLAGS_ID;

	return (m->eflags & ~mask) | (value & mask) | EFLAGS_RESERVED;
}

/*
 * The trap a handler sees for vector from state m: the frame's EFLAGS
 * show the real IF (always set) when the CPU delivered it through a
 * direct trap gate, the virtual one (off) when the hypervisor did.
 */
void model_event(const struct mstate *m, unsigned vector,
		 const struct fault *f, uint32_t eip, struct event *e)
{
	uint32_t fl = m->eflags & ~EFLAGS_IF;
	bool direct = gate_direct(vector) && !(f && f->by_hv);

	*e = (struct event){
		.vector = vector, .eip = eip, .cs = m->sreg[SR_CS],
		.eflags = fl | (direct ? EFLAGS_IF : 0),
		.outer = m->cpl != 1, .ss = m->sreg[SR_SS], .esp = m->esp,
		.ds = m->sreg[SR_DS], .es = m->sreg[SR_ES],
		.fs = m->sreg[SR_FS], .gs = m->sreg[SR_GS],
		.eax_known = m->eax_known, .eax = m->eax,
		.resume = RESUME_END,
	};
	if (f) {
		e->has_error = f->has_error;
		e->error = f->error;
		e->error_ignore = f->error_ignore;
		e->cr2_valid = f->cr2_valid;
		e->cr2 = f->cr2;
	}
}
