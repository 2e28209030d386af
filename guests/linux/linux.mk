# The Linux guest (guests/linux): Debian's Linux 6.1 with the guest
# platform's patches, a 2-level and a PAE kernel, each as vmlinux (for the
# hypervisor) and bzImage (for a native boot), built by guests/linux/build
# and kept in a cache outside the clone. Included by the top-level
# Makefile, which defines BUILD and Q first.

LINUX_OUT    := $(BUILD)/linux
LINUX_STAMP  := $(LINUX_OUT)/.stamp
LINUX_INPUTS := guests/linux/build guests/linux/config guests/linux/initramfs-list \
	guests/abi.h $(wildcard guests/linux/series guests/linux/patches/* guests/linux/init/*) \
	$(shell find guests/linux/rootfs -type f 2> /dev/null) \
	$(wildcard /usr/src/linux-source-6.1.tar.xz)

# Including this file must not change the including Makefile's default goal.
linux_default_goal := $(.DEFAULT_GOAL)

$(LINUX_STAMP): $(LINUX_INPUTS)
	$(Q)echo "  LINUX   $(LINUX_OUT)"
	$(Q)guests/linux/build $(LINUX_OUT)

.PHONY: linux linux-run
linux: deps $(LINUX_STAMP)

# Linux on the hypervisor, to busybox's shell on the serial console (from
# a terminal the terminal is the serial line; "exit" powers it off).
# make linux-run ARGS='--paging=2level' passes options on to iso/run;
# LINUX_PT=2level boots the 2-level kernel instead of the PAE one.
LINUX_PT ?= pae
linux-run: deps $(BUILD)/hv.elf $(LINUX_STAMP)
	$(Q)if [ -t 0 ]; then tty=--interactive; fi; \
	iso/run $$tty $(ARGS) $(LINUX_OUT)/vmlinux-$(LINUX_PT),name=linux,mem=64M,shell

.DEFAULT_GOAL := $(linux_default_goal)
