/* Control registers, EFLAGS and EFER bits (Intel SDM vol. 3, ch. 2). */
#ifndef X86_CR_H
#define X86_CR_H

#define CR0_PE          (1u << 0)   /* protected mode */
#define CR0_MP          (1u << 1)
#define CR0_EM          (1u << 2)
#define CR0_TS          (1u << 3)   /* task switched: lazy FPU */
#define CR0_ET          (1u << 4)
#define CR0_NE          (1u << 5)
#define CR0_WP          (1u << 16)  /* ring 0 honours read-only pages */
#define CR0_AM          (1u << 18)
#define CR0_NW          (1u << 29)
#define CR0_CD          (1u << 30)
#define CR0_PG          (1u << 31)  /* paging */

#define CR4_VME         (1u << 0)
#define CR4_PVI         (1u << 1)
#define CR4_TSD         (1u << 2)
#define CR4_DE          (1u << 3)
#define CR4_PSE         (1u << 4)   /* 4 MiB pages in 2-level mode */
#define CR4_PAE         (1u << 5)
#define CR4_MCE         (1u << 6)
#define CR4_PGE         (1u << 7)   /* global pages */
#define CR4_OSFXSR      (1u << 9)

#define EFLAGS_CF       (1u << 0)
#define EFLAGS_STATUS   0x8D5u      /* CF PF AF ZF SF OF */
#define EFLAGS_RESERVED (1u << 1)   /* always one */
#define EFLAGS_TF       (1u << 8)
#define EFLAGS_IF       (1u << 9)
#define EFLAGS_DF       (1u << 10)
#define EFLAGS_IOPL_MASK (3u << 12)
#define EFLAGS_NT       (1u << 14)
#define EFLAGS_RF       (1u << 16)
#define EFLAGS_VM       (1u << 17)
#define EFLAGS_AC       (1u << 18)
#define EFLAGS_ID       (1u << 21)

#endif
