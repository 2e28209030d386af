# The OS (guests/os): its own start-up and no guest runtime, since the
# same image also boots on bare metal. It shares the hypervisor's pure
# formatter, string functions and multiboot2 parser.
OS_CFLAGS := -m32 -march=i486 -mtune=generic -std=gnu11 -O2 -g \
	-ffreestanding -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer -mgeneral-regs-only \
	-fno-tree-loop-distribute-patterns \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-ffile-prefix-map=$(CURDIR)=. -Iinclude -I. -Iguests
OS_ASFLAGS := -m32 -Iinclude -I. -Iguests -D__ASSEMBLY__ -Wa,--noexecstack \
	-ffile-prefix-map=$(CURDIR)=.
OS_LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,-T,guests/os/os.ld \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments
OS_SRCS := $(wildcard guests/os/*.c guests/os/*.S) lib/fmt.c lib/string.c boot/mb2.c
OS_OBJS := $(patsubst %,$(BUILD)/os/%.o,$(OS_SRCS))

# User programs may use the FPU (the kernel may not: lazy switching).
$(BUILD)/os/guests/os/user_%.c.o: OS_CFLAGS := $(filter-out -mgeneral-regs-only,$(OS_CFLAGS))

$(BUILD)/os/%.c.o: %.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $< (os)"
	$(Q)$(CC) $(OS_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/os/%.S.o: %.S
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $< (os)"
	$(Q)$(CC) $(OS_ASFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/guests/os.elf: $(OS_OBJS) guests/os/os.ld
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(OS_LDFLAGS) -o $@ $(OS_OBJS) -lgcc

-include $(OS_OBJS:.o=.d)
