# gdb script for a hypervisor started with `make debug` (QEMU waits on :1234).
#   gdb -x scripts/hv.gdb
set architecture i386
file build/hv.elf
target remote localhost:1234
break boot_main
break panic
continue
