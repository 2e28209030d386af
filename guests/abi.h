/*
 * The guest ABI: everything a paravirtual guest and the hypervisor agree
 * on. Both sides include this header; docs/abi.md describes each call.
 *
 * Entry: the guest's ELF image is loaded at its physical addresses and
 * started in ring 1 at its entry point, virtual interrupts disabled, with
 * EAX = HV_GUEST_MAGIC and ESI = the guest-physical (and, at that point,
 * virtual) address of a struct hv_boot_info. Until the guest installs a page
 * table, guest-virtual addresses equal guest-physical ones.
 *
 * Hypercalls: "int $HV_HYPERCALL_VECTOR" from ring 1 with the call number in
 * EAX and arguments in EDX, EBX, ECX, ESI; the result comes back in EAX.
 * The first call must be HV_CALL_REGISTER.
 */
#ifndef GUESTS_ABI_H
#define GUESTS_ABI_H

#define HV_GUEST_MAGIC          0x48564731      /* "HVG1"; multiboot2 differs */
#define HV_HYPERCALL_VECTOR     0x1F
#define HV_ABI_VERSION          1

/* Where the boot-info block sits in guest-physical memory. */
#define HV_BOOT_INFO_GPA        0x1000

/*
 * The guest's GDT, in the layout of Linux i386 (so that Linux keeps its
 * own). The guest may set every entry with HV_CALL_LOAD_GDT(_ENTRY) and
 * the TLS call but the hypervisor's: 0-2 (null and its own), HV_GDT_TSS
 * and HV_GDT_DF_TSS.
 */
#define HV_GDT_ENTRIES          32
#define HV_GDT_FIRST_GUEST      3       /* 0-2: null and the hypervisor's */
#define HV_GDT_TLS_FIRST        6       /* three consecutive TLS entries */
#define HV_GDT_TLS_ENTRIES      3
#define HV_GDT_KERNEL_CODE      12      /* flat, ring 1, at the start */
#define HV_GDT_KERNEL_DATA      13
#define HV_GDT_USER_CODE        14      /* flat, ring 3 */
#define HV_GDT_USER_DATA        15
#define HV_GDT_TSS              16      /* the hypervisor's TSS */
#define HV_GDT_DF_TSS           31      /* the hypervisor's double-fault task */

/* Segment selectors a guest uses: those entries with their ring. */
#define HV_SEL_KERNEL_CODE      (HV_GDT_KERNEL_CODE << 3 | 1)   /* 0x61 */
#define HV_SEL_KERNEL_DATA      (HV_GDT_KERNEL_DATA << 3 | 1)   /* 0x69 */
#define HV_SEL_USER_CODE        (HV_GDT_USER_CODE << 3 | 3)     /* 0x73 */
#define HV_SEL_USER_DATA        (HV_GDT_USER_DATA << 3 | 3)     /* 0x7b */


#define HV_PT_2LEVEL            0u      /* guest page tables: 32-bit entries */
#define HV_PT_PAE               1u      /* guest page tables: PAE */

#define HV_SHUTDOWN_POWEROFF    0u
#define HV_SHUTDOWN_RESTART     1u      /* reloaded from its image */
#define HV_MAX_RESTARTS         16u     /* then it stays down */

#define HV_FLUSH_USER           0u      /* mappings below kernel_address */
#define HV_FLUSH_ALL            1u

#define HV_CONSOLE_MAX          4096u   /* bytes per console write or read */

/* Virtual interrupts. */
#define HV_IRQS                 64
#define HV_IRQ_TIMER            0       /* delivered on vector HV_IRQ_VECTOR_BASE */
#define HV_IRQ_CONSOLE          1       /* console input arrived */
#define HV_IRQ_VECTOR_BASE      32      /* virtual irq N arrives on vector 32+N */
#define HV_IRQ_IPI_FIRST        2       /* irqs 2 and up: HV_CALL_SEND_IPI's */

/* Virtual CPUs: "vcpus=N" on the module line; vCPU 0 is the one booted. */
#define HV_MAX_VCPUS            8

/* The asynchronous hypercall ring in the shared page. */
#define HV_ASYNC_SLOTS          64
#define HV_SLOT_FREE            0u      /* nothing here (the page starts zeroed) */
#define HV_SLOT_READY           1u      /* the guest filled it in */
#define HV_SLOT_DONE            2u      /* processed; result holds the return */

#ifndef __ASSEMBLER__
#include <stdint.h>

enum hv_call {
	HV_CALL_REGISTER = 1,       /* edx: shared page gpa; ebx: HV_PT_* format */
	HV_CALL_FLUSH_ASYNC = 2,    /* no-op: entering processes the ring */
	HV_CALL_CRASH = 3,          /* edx: gva of a NUL-terminated message */
	HV_CALL_SHUTDOWN = 4,       /* edx: HV_SHUTDOWN_*; ebx: status */
	HV_CALL_NEW_PGTABLE = 5,    /* edx: gpa of the new top-level table */
	HV_CALL_SET_PTE = 6,        /* edx: top-level table gpa; ebx: gva */
	HV_CALL_SET_PGD = 7,        /* edx: top-level table gpa; ebx: gva */
	HV_CALL_SET_PMD = 8,        /* edx: top-level table (PDPT) gpa; ebx: gva */
	HV_CALL_FLUSH_TLB = 9,      /* edx: HV_FLUSH_* */
	HV_CALL_LOAD_IDT_ENTRY = 10, /* edx: vector; ebx/ecx: descriptor lo/hi */
	HV_CALL_SET_STACK = 11,     /* edx: ss; ebx: esp; ecx: pages */
	HV_CALL_TS = 12,            /* edx: 1 to set CR0.TS, 0 to clear it */
	HV_CALL_SET_TIMER = 13,     /* edx/ebx: nanoseconds lo/hi; 0 cancels */
	HV_CALL_HALT = 14,          /* until the next virtual interrupt */
	HV_CALL_LOAD_GDT = 15,      /* edx: gva of descriptors; ebx: count */
	HV_CALL_LOAD_GDT_ENTRY = 16, /* edx: index; ebx/ecx: descriptor lo/hi */
	HV_CALL_LOAD_TLS = 17,      /* edx: gva of HV_GDT_TLS_ENTRIES descriptors */
	HV_CALL_CONSOLE_WRITE = 18, /* edx: gva; ebx: length */
	HV_CALL_WALL_CLOCK = 19,    /* returns seconds since 1970 */
	HV_CALL_CONSOLE_READ = 20,  /* edx: gva; ebx: length; returns bytes read */
	HV_CALL_WHERE = 21,         /* returns HV_WHERE_CPU and HV_WHERE_VCPU */
	HV_CALL_START_VCPU = 22,    /* edx: vCPU; ebx: eip; ecx: esp; esi: its
	                               shared page gpa */
	HV_CALL_SEND_IPI = 23,      /* edx: vCPU; ebx: virtual irq */
	HV_CALL_COUNT
};

/* HV_CALL_WHERE's answer: the physical CPU, and the caller's virtual CPU. */
#define HV_WHERE_CPU(r)     ((r) & 0xFFFFu)
#define HV_WHERE_VCPU(r)    ((r) >> 16)

struct hv_boot_info {
	uint32_t magic;             /* HV_GUEST_MAGIC */
	uint32_t abi_version;       /* HV_ABI_VERSION */
	char hv_version[16];        /* e.g. "0.1.0" */
	uint32_t mem_bytes;         /* guest-physical memory: [0, mem_bytes) */
	uint32_t pt_formats;        /* bit (1 << HV_PT_*) per format offered */
	uint32_t reserve_top;       /* no mapping may reach this address */
	char name[32];
	char cmdline[256];          /* the module's command line */
	uint32_t restarts;          /* how often the guest restarted itself */
	uint32_t features;          /* HV_FEATURE_* */
	uint32_t tsc_khz;           /* the time-stamp counter's rate; 0: unknown */
	uint32_t vcpus;             /* virtual CPUs it has: 1 to HV_MAX_VCPUS */
};

/* hv_boot_info.features */
#define HV_FEATURE_NX           (1u << 0)   /* PAE tables' NX bit is enforced */

struct hv_async_call {
	uint32_t nr;
	uint32_t args[4];           /* edx, ebx, ecx, esi */
	uint32_t result;
};

/*
 * One page the guest registers with HV_CALL_REGISTER. The guest writes
 * kernel_address, noirq_start and noirq_end (and may change them later);
 * the hypervisor fills in what it reports.
 */
struct hv_shared {
	/* Written by the guest. */
	uint32_t irq_enabled;       /* virtual EFLAGS.IF: 0 or 0x200 */
	uint32_t blocked_irqs[HV_IRQS / 32];
	uint32_t noirq_start;       /* no interrupt while start <= eip < end */
	uint32_t noirq_end;
	uint32_t kernel_address;    /* mappings at or above are global */

	/* Written by the hypervisor. */
	uint32_t pending_irqs[HV_IRQS / 32];
	uint32_t cr2;               /* address of the last page fault */
	uint32_t reserve_top;       /* the switcher's reserve starts here */
	uint64_t time_ns;           /* monotonic, updated at every entry */

	/* The ring: slots processed strictly in order. */
	uint8_t slot_status[HV_ASYNC_SLOTS];
	struct hv_async_call slots[HV_ASYNC_SLOTS];
};

_Static_assert(sizeof(struct hv_shared) <= 4096, "shared page overflow");

/* A hypercall: the number in EAX, the arguments in EDX, EBX, ECX, ESI,
 * the result in EAX (docs/abi.md, "Hypercalls"). */
static inline uint32_t hcall(uint32_t nr, uint32_t a1, uint32_t a2,
			     uint32_t a3, uint32_t a4)
{
	uint32_t ret;

	__asm__ volatile("int %1"
			 : "=a"(ret)
			 : "i"(HV_HYPERCALL_VECTOR), "a"(nr), "d"(a1), "b"(a2),
			   "c"(a3), "S"(a4)
			 : "memory");
	return ret;
}
#endif /* __ASSEMBLER__ */

#endif
