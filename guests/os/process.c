#include <lib/string.h>
#include <x86/exception.h>
#include <x86/pte.h>
#include "early.h"
#include "frames.h"
#include "os.h"
#include "paging.h"
#include "process.h"
#include "pv.h"
#include "user.h"

#define KSTACK_PAGES    2u
#define USER_FLAGS      (PTE_P | PTE_W | PTE_U)

struct process {
	unsigned pid;
	const char *name;
	uint32_t root;
};

/* user_entry.S */
int enter_user(uint32_t eip, uint32_t esp);
NORETURN void leave_user(int value);

extern char __user_image_pa[], __user_image_size[];

static struct process *running;
static unsigned last_pid;
/* The kernel stack of traps from ring 3: one process runs at a time. */
static uint8_t kstack[KSTACK_PAGES * PAGE_SIZE] ALIGNED(PAGE_SIZE);

/* A fresh frame at va, optionally filled from the image at src_pa. */
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

int process_run(const char *name, void (*entry)(void))
{
	struct process p = { ++last_pid, name, paging_space_new() };
	int status = PROCESS_KILLED;

	if (!p.root || !load(p.root)) {
		os_printf("process %u (%s): out of memory\n", p.pid, name);
	} else {
		pv->set_kernel_stack((uint32_t)(kstack + sizeof(kstack)),
				     KSTACK_PAGES);
		paging_switch(p.root);
		running = &p;
		status = enter_user((uint32_t)entry, USER_STACK_TOP);
		running = NULL;
		paging_switch(paging_kernel_root());
		if (status != PROCESS_KILLED)
			os_printf("process %u (%s): exited with status %d\n",
				  p.pid, name, status);
	}
	if (p.root)
		paging_space_free(p.root);
	return status;
}

/* Whether [va, va + len) lies in user space, mapped for ring 3. */
static bool user_readable(uint32_t va, uint32_t len)
{
	uint32_t page;

	if (va >= USER_TOP || len > USER_TOP - va)
		return false;
	for (page = va & ~(PAGE_SIZE - 1); page < va + len; page += PAGE_SIZE)
		if (!paging_mapped(paging_current(), page, PTE_U))
			return false;
	return true;
}

static void syscall(struct trap_frame *f)
{
	switch (f->eax) {
	case SYS_EXIT:
		leave_user((int)f->ebx);
	case SYS_WRITE:
		if (!user_readable(f->ebx, f->ecx)) {
			f->eax = (uint32_t)SYSCALL_BAD;
			return;
		}
		pv->console_write((const char *)(uintptr_t)f->ebx, f->ecx);
		f->eax = f->ecx;
		return;
	case SYS_GETPID:
		f->eax = running->pid;
		return;
	default:
		f->eax = (uint32_t)SYSCALL_BAD;
		return;
	}
}

void process_trap(struct trap_frame *f)
{
	if (f->vector == SYSCALL_VECTOR) {
		syscall(f);
		return;
	}
	os_printf("process %u (%s): killed: trap %u at user eip 0x%08x, "
		  "error code 0x%x", running->pid, running->name, f->vector,
		  f->eip, f->error);
	if (f->vector == VEC_PAGE_FAULT)
		os_printf(", address 0x%08x", pv->fault_address());
	os_printf("\n");
	leave_user(PROCESS_KILLED);
}
