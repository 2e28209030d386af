/*
 * User space: the programs the OS runs in ring 3, and the library they
 * call. All of it is linked at USER_BASE in its own section (os.ld, the
 * files named user_*.c) and copied into each process's memory, so it
 * never touches the kernel: system calls only, through int $0x80 (eax
 * the call, ebx, ecx, edx its arguments, eax the result).
 */
#ifndef OS_USER_H
#define OS_USER_H

#include <types.h>

#define USER_BASE               0x08000000u
#define USER_STACK_TOP          0xB0000000u
#define USER_STACK_PAGES        4u
#define SYSCALL_VECTOR          0x80

enum syscall_nr {
	SYS_EXIT = 1,           /* ebx: status; does not return */
	SYS_WRITE = 2,          /* ebx: fd; ecx: text; edx: length; returns
				 * length (1 is the console) */
	SYS_GETPID = 3,         /* returns the process's number */
	SYS_FORK = 4,           /* returns the child's number; 0 in the child */
	SYS_WAIT = 5,           /* ebx: child (0: any); ecx: int *status or 0;
				 * returns the child's number */
	SYS_SLEEP = 6,          /* ebx: milliseconds */
	SYS_YIELD = 7,
	SYS_KILL = 8,           /* ebx: process; it ends with status -1 */
	SYS_PIPE = 9,           /* ebx: int fds[2]: read end, write end */
	SYS_READ = 10,          /* ebx: fd; ecx: buffer; edx: length; returns
				 * bytes read, 0 at the end */
	SYS_CLOSE = 11,         /* ebx: fd */
	SYS_EXEC = 12,          /* ebx: program name; ecx: its length; only
				 * returns when there is no such program */
	SYS_CLOCK = 13,         /* ebx: uint64_t *: nanoseconds since power-on */
	SYS_RELEASE = 14,       /* ebx: address; ecx: length: gives back those
				 * pages of the demand-zero area (page-aligned) */
	SYS_TABLE_SPAN = 15,    /* returns the bytes one page table maps */
	SYS_SET_TLS = 16,       /* ebx: entry (0-2); ecx: base; edx: size in
				 * bytes (0: none), within user space;
				 * returns the selector to load, e.g. in %gs */
};

#define SYSCALL_BAD             (-1)    /* an unknown call, or a bad address */

/* The programs' entry points, at their user addresses. */
void user_hello(void);
void user_exit3(void);
void user_peek(void);
void user_family(void);
void user_preempt(void);
void user_pipeline(void);
void user_init(void);
void user_stress(void);
void user_fpu(void);
void user_tls(void);
void user_bench(void);
void user_bench_short(void);

/* The library (user_lib.c). */
int u_syscall(int nr, uint32_t a, uint32_t b, uint32_t c);
void u_puts(const char *s);
void u_put_number(unsigned n);
NORETURN void u_exit(int status);

#endif
