/*
 * This guest's own entry point: it must run before anything registers the
 * shared page, so it cannot start through the runtime, whose _start
 * registers before main(). The Makefile links every guest with the
 * runtime, and two strong _start symbols do not link, so this one is weak:
 * as long as the runtime's _start is strong, the runtime's wins and main()
 * explains that the test could not run (see main.c). Once the runtime's is
 * weak too, this one wins: the linker keeps the first weak definition and
 * a guest's objects come before the runtime's.
 */
	.section .text.start, "ax"
	.weak _start
_start:
	movl $entry_stack_top, %esp
	pushl %esi                      /* the boot-info block */
	call early_main                 /* never returns */
1:	jmp 1b

	.bss
	.balign 16
	.skip 4096
entry_stack_top:
