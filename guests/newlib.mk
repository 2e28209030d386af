# newlib (libc.a, libm.a) for the 32-bit paravirtual guests, built once from
# Debian's newlib-source by scripts/build-newlib and reused from then on.
# Included by the top-level Makefile, which defines BUILD (and Q, CC) first.
#
# A guest's C files are compiled with $(NEWLIB_CFLAGS) and should wait for
# the headers (order-only: `| $(NEWLIB_STAMP)`); its link depends on
# $(NEWLIB_STAMP) and ends with $(NEWLIB_LIBS) -lgcc. The guest runtime
# provides the system calls newlib leaves undefined: _write, _read, _sbrk,
# _close, _lseek, _fstat, _isatty, _exit, _kill, _getpid (and, only if what
# needs them is linked in, _open, _times, _gettimeofday, ...).

NEWLIB_PREFIX := $(BUILD)/newlib/i686-elf
NEWLIB_STAMP  := $(BUILD)/newlib/.stamp

# The same header setup as the library was built with: newlib's headers, then
# gcc's own (stddef.h, stdarg.h...), never glibc's; and none of the macros by
# which the host gcc says Linux/Unix, which change newlib's ABI (see
# scripts/build-newlib).
NEWLIB_GCC_INCLUDE := $(shell $(CC) -m32 -print-file-name=include)
NEWLIB_CFLAGS := -nostdinc -isystem $(NEWLIB_PREFIX)/include \
	-idirafter $(NEWLIB_GCC_INCLUDE) \
	-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -U__unix__ -U__unix -Uunix
NEWLIB_LIBS   := $(NEWLIB_PREFIX)/lib/libc.a $(NEWLIB_PREFIX)/lib/libm.a

# Rebuilt only when missing, when the build script changes or when Debian
# ships another newlib-source tarball.
NEWLIB_TARBALL := $(wildcard /usr/src/newlib/newlib-*.tar.*)

# Including this file must not change the including Makefile's default goal.
newlib_default_goal := $(.DEFAULT_GOAL)

$(NEWLIB_STAMP): scripts/build-newlib $(NEWLIB_TARBALL)
	$(Q)echo "  NEWLIB  $(NEWLIB_PREFIX)"
	$(Q)scripts/build-newlib $(BUILD)/newlib $(BUILD)/newlib-build

.PHONY: newlib
newlib: $(NEWLIB_STAMP)

.DEFAULT_GOAL := $(newlib_default_goal)
