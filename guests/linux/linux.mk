# The Linux guest (guests/linux): Debian's Linux 6.1 with the guest
# platform's patches, a 2-level and a PAE kernel, each as vmlinux (for the
# hypervisor) and bzImage (for a native boot), built by guests/linux/build
# and kept in a cache outside the clone. Included by the top-level
# Makefile, which defines BUILD and Q first.

LINUX_OUT    := $(BUILD)/linux
LINUX_STAMP  := $(LINUX_OUT)/.stamp
LINUX_INPUTS := guests/linux/build guests/linux/config guests/linux/initramfs-list \
	$(wildcard guests/linux/series guests/linux/patches/* guests/linux/init/*) \
	$(shell find guests/linux/rootfs -type f 2> /dev/null) \
	$(wildcard /usr/src/linux-source-6.1.tar.xz)

# Including this file must not change the including Makefile's default goal.
linux_default_goal := $(.DEFAULT_GOAL)

$(LINUX_STAMP): $(LINUX_INPUTS)
	$(Q)echo "  LINUX   $(LINUX_OUT)"
	$(Q)guests/linux/build $(LINUX_OUT)

.PHONY: linux
linux: deps $(LINUX_STAMP)

.DEFAULT_GOAL := $(linux_default_goal)
