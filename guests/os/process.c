#include <lib/string.h>
#include <x86/cr.h>
#include <x86/exception.h>
#include <x86/pte.h>
#include "clock.h"
#include "early.h"
#include "fpu.h"
#include "frames.h"
#include "os.h"
#include "paging.h"
#include "pipe.h"
#include "process.h"
#include "programs.h"
#include "pv.h"
#include "sched.h"
#include "user.h"

#define USER_FLAGS      (PTE_P | PTE_W | PTE_U)

extern char __user_image_pa[], __user_image_size[];

/* A fresh frame at va, filled from the frame at src_pa unless it is 0. */
static bool map_page(uint32_t root, uint32_t va, uint32_t src_pa)
{
	uint32_t pa = frame_alloc();

	if (!pa)
		return false;
	if (src_pa)
		memcpy(P2V(pa), P2V(src_pa), PAGE_SIZE);
	if (!paging_map(root, va, pa, USER_FLAGS)) {
		frame_free(pa);
		return false;
	}
	return true;
}

/* The user image (a copy: each process may write its data) and a stack. */
static bool load(uint32_t root)
{
	uint32_t image = (uint32_t)__user_image_pa;
	uint32_t size = (uint32_t)__user_image_size, off;

	for (off = 0; off < size; off += PAGE_SIZE)
		if (!map_page(root, USER_BASE + off, image + off))
			return false;
	for (off = 1; off <= USER_STACK_PAGES; off++)
		if (!map_page(root, USER_STACK_TOP - off * PAGE_SIZE, 0))
			return false;
	return true;
}

static void user_frame(struct trap_frame *tf, uint32_t eip, uint32_t esp)
{
	tf->ds = tf->es = tf->fs = tf->gs = tf->ss = pv->user_ds;
	tf->cs = pv->user_cs;
	tf->eip = eip;
	tf->esp = esp;
	tf->eflags = EFLAGS_RESERVED | EFLAGS_IF;  /* preemptible */
}

void process_run(const char *name, void (*entry)(void))
{
	struct trap_frame *tf;
	struct proc *p = sched_new(name, 0, &tf);

	if (!p) {
		os_printf("process (%s): no free slot\n", name);
		return;
	}
	p->root = paging_space_new();
	if (!p->root || !load(p->root)) {
		os_printf("process %u (%s): out of memory\n", p->pid, name);
		if (p->root)
			paging_space_free(p->root);
		sched_reap(p);
		return;
	}
	fds_init(p, NULL);
	p->entry = (uint32_t)entry;
	user_frame(tf, (uint32_t)entry, USER_STACK_TOP);
	sched_run();
}

/* Whether [va, va + len) lies in user space, mapped for ring 3 with
 * flags (PTE_W to be written) too. */
static bool user_memory(uint32_t va, uint32_t len, uint32_t flags)
{
	uint32_t page;

	if (va >= USER_TOP || len > USER_TOP - va)
		return false;
	for (page = va & ~(PAGE_SIZE - 1); page < va + len; page += PAGE_SIZE)
		if (!paging_mapped(paging_current(), page, PTE_U | flags))
			return false;
	return true;
}

/* A copy of the running process's user memory, page by page where it
 * has page tables. */
static bool copy_space(uint32_t to, uint32_t from)
{
	uint32_t span = paging_table_span(), va, end;

	for (va = 0; va < USER_TOP; va = end) {
		end = va + span;
		if (!paging_table_present(from, va))
			continue;
		for (; va < end; va += PAGE_SIZE) {
			uint32_t pa = paging_frame(from, va, PTE_U);

			if (pa && !map_page(to, va, pa))
				return false;
		}
	}
	return true;
}

static int sys_fork(struct trap_frame *f)
{
	struct proc *parent = sched_current(), *child;
	struct trap_frame *tf;

	child = sched_new(parent->name, parent->pid, &tf);
	if (!child)
		return SYSCALL_BAD;
	child->root = paging_space_new();
	if (!child->root || !copy_space(child->root, parent->root)) {
		if (child->root)
			paging_space_free(child->root);
		sched_reap(child);
		return SYSCALL_BAD;
	}
	fds_init(child, parent);
	child->entry = parent->entry;
	memcpy(child->tls, parent->tls, sizeof(child->tls));
	fpu_copy(child, parent);
	*tf = *f;
	tf->eax = 0;                    /* the child's fork() returns 0 */
	return (int)child->pid;
}

/* Waits for child pid (0: any) to end; its pid, its status in *status. */
static int sys_wait(unsigned pid, int *status)
{
	struct proc *self = sched_current();

	for (;;) {
		unsigned i, children = 0;

		for (i = 0; i < NPROC; i++) {
			struct proc *p = sched_slot(i);

			if (p->state == UNUSED || p->ppid != self->pid ||
			    (pid && p->pid != pid))
				continue;
			children++;
			if (p->state == ZOMBIE) {
				unsigned done = p->pid;

				*status = p->status;
				paging_space_free(p->root);
				sched_reap(p);
				return (int)done;
			}
		}
		if (!children)
			return SYSCALL_BAD;
		self->wait_for = pid;
		sched_block(WAITING);
	}
}

/* A fresh address space holding the program called name, its stack
 * empty, from its entry: the process's old memory goes. */
static int sys_exec(struct trap_frame *f, const char *name, uint32_t len)
{
	struct proc *p = sched_current();
	const char *found;
	void (*entry)(void) = program_user_entry(name, len, &found);
	uint32_t root, old = p->root;

	if (!entry)
		return SYSCALL_BAD;
	root = paging_space_new();
	if (!root || !load(root)) {
		if (root)
			paging_space_free(root);
		return SYSCALL_BAD;
	}
	paging_switch(root);
	p->root = root;
	p->name = found;
	p->entry = (uint32_t)entry;
	paging_space_free(old);
	memset(f, 0, sizeof(*f));
	memset(p->tls, 0, sizeof(p->tls));
	sched_tls_changed();
	user_frame(f, (uint32_t)entry, USER_STACK_TOP);
	return 0;
}

static int sys_kill(unsigned pid)
{
	struct proc *p = sched_find(pid);

	if (!p || p == sched_current() || p->state == ZOMBIE)
		return SYSCALL_BAD;
	sched_kill(p, PROCESS_KILLED);
	return 0;
}

/* A data segment over [base, base + size) of user space; beyond 1 MiB
 * its limit is in pages (rounded up). */
static int sys_set_tls(unsigned entry, uint32_t base, uint32_t size)
{
	struct proc *p = sched_current();

	if (entry >= OS_TLS_ENTRIES || base >= USER_TOP ||
	    size > USER_TOP - base)
		return SYSCALL_BAD;
	if (!size)
		p->tls[entry] = (struct desc){ 0, 0 };
	else if (size <= 1u * MiB)
		p->tls[entry] = desc_segment_bytes(base, size - 1, SEG_DATA_RW, 3);
	else
		p->tls[entry] = desc_segment(base, size - 1, SEG_DATA_RW, 3);
	sched_tls_changed();
	return pv->user_tls + (int)(entry << 3);
}

/* Only whole pages of the demand-zero area: the rest is the program's. */
static int sys_release(uint32_t va, uint32_t len)
{
	if ((va | len) & (PAGE_SIZE - 1) || va < DEMAND_ZERO_BASE ||
	    va - DEMAND_ZERO_BASE > DEMAND_ZERO_SIZE ||
	    len > DEMAND_ZERO_BASE + DEMAND_ZERO_SIZE - va)
		return SYSCALL_BAD;
	paging_release(va, len);
	return 0;
}

static int syscall(struct trap_frame *f)
{
	int status;

	switch (f->eax) {
	case SYS_EXIT:
		sched_exit((int)f->ebx);
	case SYS_WRITE:
		if (!user_memory(f->ecx, f->edx, 0))
			return SYSCALL_BAD;
		return fd_write(sched_current(), (int)f->ebx,
				(const char *)(uintptr_t)f->ecx, f->edx);
	case SYS_READ:
		if (!user_memory(f->ecx, f->edx, PTE_W))
			return SYSCALL_BAD;
		return fd_read(sched_current(), (int)f->ebx,
			       (char *)(uintptr_t)f->ecx, f->edx);
	case SYS_PIPE:
		if (!user_memory(f->ebx, 2 * sizeof(int), PTE_W))
			return SYSCALL_BAD;
		return fd_pipe(sched_current(), (int *)(uintptr_t)f->ebx);
	case SYS_CLOSE:
		return fd_close(sched_current(), (int)f->ebx);
	case SYS_EXEC:
		if (!user_memory(f->ebx, f->ecx, 0))
			return SYSCALL_BAD;
		return sys_exec(f, (const char *)(uintptr_t)f->ebx, f->ecx);
	case SYS_GETPID:
		return (int)sched_current()->pid;
	case SYS_FORK:
		return sys_fork(f);
	case SYS_WAIT:
		if (f->ecx && !user_memory(f->ecx, sizeof(int), PTE_W))
			return SYSCALL_BAD;
		f->eax = (uint32_t)sys_wait(f->ebx, &status);
		if ((int)f->eax != SYSCALL_BAD && f->ecx)
			*(int *)(uintptr_t)f->ecx = status;
		return (int)f->eax;
	case SYS_SLEEP:
		sched_sleep(f->ebx);
		return 0;
	case SYS_YIELD:
		sched_yield();
		return 0;
	case SYS_KILL:
		return sys_kill(f->ebx);
	case SYS_CLOCK:
		if (!user_memory(f->ebx, sizeof(uint64_t), PTE_W))
			return SYSCALL_BAD;
		*(uint64_t *)(uintptr_t)f->ebx = clock_ns();
		return 0;
	case SYS_RELEASE:
		return sys_release(f->ebx, f->ecx);
	case SYS_TABLE_SPAN:
		return (int)paging_table_span();
	case SYS_SET_TLS:
		return sys_set_tls(f->ebx, f->ecx, f->edx);
	default:
		return SYSCALL_BAD;
	}
}

void process_trap(struct trap_frame *f)
{
	struct proc *p = sched_current();

	if (f->vector == SYSCALL_VECTOR) {
		pv->irq_disable();      /* a trap gate: the timer could come */
		f->eax = (uint32_t)syscall(f);
		return;
	}
	if (f->vector == VEC_NO_FPU) {
		fpu_trap(p);
		return;
	}
	os_printf("process %u (%s): killed: trap %u at ", p->pid, p->name,
		  f->vector);
	/* From its program's entry: that moves only when the program does. */
	if (f->eip >= p->entry && f->eip - p->entry < PAGE_SIZE)
		os_printf("%s+0x%x", p->name, f->eip - p->entry);
	else
		os_printf("user eip {0x%08x}", f->eip);
	os_printf(", error code 0x%x", f->error);
	if (f->vector == VEC_PAGE_FAULT)
		os_printf(", address 0x%08x", pv->fault_address());
	os_printf("\n");
	sched_exit(PROCESS_KILLED);
}
