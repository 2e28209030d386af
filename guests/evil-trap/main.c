/*
 * evil-trap breaks the rule "a trap the guest has no handler for kills
 * it": it executes ud2 (#UD, vector 6) without ever loading an IDT entry.
 */
#include "hv.h"

void do_ud2(void);

int main(void)
{
	do_ud2();
	hv_crash("still alive after an unhandled ud2");
}
