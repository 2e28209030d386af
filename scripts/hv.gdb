# gdb script for a hypervisor started with `make debug` (QEMU waits on :1234).
#   gdb -x scripts/hv.gdb
# Adds the hv-* commands of scripts/hv_gdb.py (hv-guests, hv-current,
# hv-regs, hv-walk, hv-symbols); see docs/debugging.md.
set architecture i386
file build/hv.elf
source scripts/hv_gdb.py
target remote localhost:1234
break boot_main
break panic
continue
