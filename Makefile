# The hypervisor's build. `make` builds build/hv.elf; see README.md.

BUILD   := build
CC      := gcc
Q       := @
.DEFAULT_GOAL := all

# The hypervisor: 32-bit, freestanding, runs on a 486 and later.
HV_CFLAGS := -m32 -march=i486 -mtune=generic -std=gnu11 -O2 -g \
	-ffreestanding -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
	-mgeneral-regs-only -mno-red-zone \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-ffile-prefix-map=$(CURDIR)=. \
	-Iinclude -I.
HV_ASFLAGS := -m32 -Iinclude -I. -I$(BUILD)/gen -D__ASSEMBLY__ -Wa,--noexecstack \
	-ffile-prefix-map=$(CURDIR)=.
HV_LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,-T,linker.ld \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

HV_C_SRCS := $(filter-out switcher/offsets.c,$(wildcard boot/*.c hv/*.c lib/*.c mm/*.c switcher/*.c))
HV_S_SRCS := $(wildcard boot/*.S hv/*.S lib/*.S mm/*.S switcher/*.S)
HV_OBJS   := $(patsubst %,$(BUILD)/hv/%.o,$(HV_C_SRCS) $(HV_S_SRCS))

# Host unit tests: the pure parts of the hypervisor, compiled for the host
# with the sanitizers on. They build for the host's own word size (x86-64,
# build/unit) and, where the host kernel can run 32-bit programs
# (tests/host-word-sizes says), also as i386 (build/unit32), the word size
# the hypervisor itself has.
UNIT_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Werror -Wshadow -Iinclude -I. -Itests/unit
UNIT_PURE   := lib/fmt.c lib/txring.c lib/inring.c lib/lock_order.c boot/mb2.c hv/cmdline.c mm/memrange.c mm/frame.c \
	mm/frame_quota.c mm/hostpt.c mm/gwalk.c mm/shadow.c mm/guest_mem.c hv/acpi.c hv/elf.c \
	hv/descriptors.c hv/async_ring.c hv/escape.c hv/monitor_line.c hv/trace_ring.c \
	hv/irqframe.c hv/io_decode.c hv/softint.c hv/rtc_epoch.c \
	lib/screen.c lib/screen_fb.c lib/screen_vga.c lib/font.c hv/keymap.c
UNIT_SUPPORT := tests/unit/sim_phys.c
UNIT_NAMES  := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_TESTS  := $(patsubst %,$(BUILD)/unit/%,$(UNIT_NAMES))
UNIT32_TESTS := $(patsubst %,$(BUILD)/unit32/%,$(UNIT_NAMES))
UNIT_DEPS   := Makefile $(UNIT_PURE) $(UNIT_SUPPORT) $(wildcard tests/unit/*.h) \
	$(wildcard include/*.h include/x86/*.h boot/*.h hv/*.h lib/*.h mm/*.h)

include guests/newlib.mk
include guests/os/os.mk
include guests/linux/linux.mk

# Guests: 32-bit freestanding programs on the guest runtime and newlib. Each
# folder guests/NAME/ (but runtime/) builds build/guests/NAME.elf.
GUEST_CFLAGS := -m32 -march=i486 -mtune=generic -std=gnu11 -O2 -g \
	-ffreestanding -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -Wall -Wextra -Werror \
	-ffile-prefix-map=$(CURDIR)=. -Iguests -Iguests/runtime -Iinclude $(NEWLIB_CFLAGS)
GUEST_ASFLAGS := -m32 -Iguests -Iguests/runtime -Iinclude -D__ASSEMBLY__ -Wa,--noexecstack \
	-ffile-prefix-map=$(CURDIR)=.
GUEST_LDFLAGS := -m32 -nostdlib -static -no-pie \
	-Wl,-T,guests/runtime/guest.ld -Wl,--build-id=none -Wl,-z,noexecstack
RUNTIME_OBJS  := $(patsubst %,$(BUILD)/%.o,$(wildcard guests/runtime/*.c guests/runtime/*.S))
GUEST_NAMES   := $(filter-out runtime os linux,$(notdir $(patsubst %/,%,$(wildcard guests/*/))))
GUEST_ELFS    := $(patsubst %,$(BUILD)/guests/%.elf,$(GUEST_NAMES)) $(BUILD)/guests/os.elf

.PHONY: all hv guests iso run debug test unit-tests unit-tests-32 deps clean bench soak
all: hv guests
hv: $(BUILD)/hv.elf
guests: $(GUEST_ELFS)

$(BUILD)/guests/%.c.o: guests/%.c | $(NEWLIB_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/guests/%.S.o: guests/%.S
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -MMD -MP -c -o $@ $<

define guest_rule
$(BUILD)/guests/$(1).elf: $(patsubst %,$(BUILD)/%.o,$(wildcard guests/$(1)/*.c guests/$(1)/*.S)) $(RUNTIME_OBJS) $(NEWLIB_STAMP) guests/runtime/guest.ld
	$(Q)echo "  LD      $$@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(NEWLIB_LIBS) -lgcc
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call guest_rule,$(g))))

# Numbers the switcher's assembler takes from C structures (switcher/offsets.c).
$(BUILD)/gen/switcher/offsets.h: switcher/offsets.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  GEN     $@"
	$(Q)$(CC) $(HV_CFLAGS) -MMD -MP -MT $@ -MF $@.d -S -o $@.s $<
	$(Q){ echo "/* Generated from switcher/offsets.c: do not edit. */"; \
	  sed -n 's/^.*->\([A-Z_0-9]*\) \$$*\([0-9]*\).*$$/#define \1 \2/p' $@.s; } > $@.tmp
	$(Q)mv $@.tmp $@
$(BUILD)/hv/switcher/switcher.S.o: $(BUILD)/gen/switcher/offsets.h

$(BUILD)/hv.elf: $(HV_OBJS) linker.ld
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(HV_LDFLAGS) -o $@ $(HV_OBJS) -lgcc

$(BUILD)/hv/%.c.o: %.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(HV_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/hv/%.S.o: %.S
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(HV_ASFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(UNIT_DEPS)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $@"
	$(Q)$(CC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_PURE) $(UNIT_SUPPORT)

$(BUILD)/unit32/%: tests/unit/%.c $(UNIT_DEPS)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $@ (i386)"
	$(Q)$(CC) -m32 $(UNIT_CFLAGS) -o $@ $< $(UNIT_PURE) $(UNIT_SUPPORT)

# The i386 build only where the host can run it; never a failure elsewhere.
unit-tests: $(UNIT_TESTS)
	$(Q)if tests/host-word-sizes | grep -qw i386; then \
		$(MAKE) --no-print-directory unit-tests-32; \
	else \
		rm -rf $(BUILD)/unit32; \
	fi

unit-tests-32: $(UNIT32_TESTS)

iso: $(BUILD)/hv.elf
	$(Q)iso/run --iso=$(BUILD)/hv.iso

# The guests `make run` boots unless ARGS names others: the guest OS twice,
# one with 2-level page tables and one with PAE, each running its init
# (processes, fork, pipes, faults), beside a hostile guest that writes to
# the switcher and is killed.
DEMO_GUESTS := $(BUILD)/guests/os.elf,name=os-2level,pt=2level,init \
	$(BUILD)/guests/os.elf,name=os-pae,pt=pae,init \
	$(BUILD)/guests/evil-switcher.elf,write

# make run ARGS='--cpus=4 --paging=2level' passes options on to iso/run
# (with the demo guests, unless ARGS names guests of its own). From a
# terminal the serial line is the terminal, and the shell guest, first so
# that it has the input focus, takes what is typed ("exit" ends it). The
# demo's hostile guest is killed, so its power-off status is 1 (a guest
# failed, see the end report): for the demo that is success.
run: deps $(BUILD)/hv.elf guests
	$(Q)if [ -t 0 ]; then tty=--interactive shell=$(BUILD)/guests/shell.elf; fi; \
	$(if $(findstring .elf,$(ARGS)),iso/run $$tty $(ARGS),\
	iso/run $$tty $(ARGS) $$shell $(DEMO_GUESTS) || [ $$? = 1 ])

# Waits for gdb on localhost:1234; then run: gdb -x scripts/hv.gdb
debug: deps $(BUILD)/hv.elf
	$(Q)iso/run --gdb $(ARGS)

test: deps
	$(Q)$(MAKE) --no-print-directory hv guests unit-tests linux
	$(Q)tests/run

# Ten minutes of guests created, run and killed on 4 CPUs: scripts/soak.
soak: deps
	$(Q)$(MAKE) --no-print-directory hv guests
	$(Q)scripts/soak $(SOAK_SECONDS)

# Figures, never asserted: see scripts/bench.
bench: deps
	$(Q)$(MAKE) --no-print-directory hv guests linux
	$(Q)scripts/bench

deps:
	$(Q)scripts/deps

clean:
	rm -rf $(BUILD)

-include $(HV_OBJS:.o=.d) $(wildcard $(BUILD)/gen/*/*.h.d) $(wildcard $(BUILD)/guests/*/*.d)
