# gdb commands for the hypervisor (loaded by scripts/hv.gdb). They read the
# hypervisor's own structures, so they work whenever it is stopped:
#   hv-guests              every guest: id, name, state
#   hv-current             the guest the run loop is running on this CPU
#   hv-regs GUEST          a guest's registers as it sees them (as saved)
#   hv-walk GUEST ADDR     the monitor's walk, printed on the serial console
#   hv-symbols GUEST       the guest image's symbols, at its link address
# GUEST is a name or an id, as in the monitor.
import gdb

# The words the monitor uses for enum guest_state's names (hv/guest.h);
# the values come from the debug information, so they cannot go stale.
STATE_WORDS = {"GUEST_RUNNABLE": "running", "GUEST_SHUTDOWN": "shut down"}


def guests():
    n = int(gdb.parse_and_eval("nguests"))
    return [gdb.parse_and_eval("guests[%d]" % i) for i in range(n)]


def name_of(g):
    if int(g["nvcpus"]) > 1:
        return "%s vCPU %d" % (g["name"].string(), int(g["vcpu"]))
    return g["name"].string()


def find(word):
    for g in guests():
        if g["name"].string() == word or str(int(g["id"])) == word:
            return g
    raise gdb.GdbError("no guest '%s' (hv-guests lists them)" % word)


def state_of(g):
    name = str(g["state"])
    state = STATE_WORDS.get(name, name.replace("GUEST_", "").lower())
    if bool(g["paused"]) and state in ("running", "halted"):
        state = "paused"
    return state


class HvCommand(gdb.Command):
    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)


class Guests(HvCommand):
    """Every guest: id, name, state."""

    def __init__(self):
        super().__init__("hv-guests")

    def invoke(self, arg, from_tty):
        for g in guests():
            print("%2d %-23s %s" % (int(g["id"]), name_of(g), state_of(g)))


class Current(HvCommand):
    """The guest the run loop is running on this CPU, if any."""

    def __init__(self):
        super().__init__("hv-current")

    def invoke(self, arg, from_tty):
        g = gdb.parse_and_eval("run_current()")
        print("no guest" if int(g) == 0 else name_of(g.dereference()))


class Regs(HvCommand):
    """hv-regs GUEST: its registers, as saved at its last exit."""

    def __init__(self):
        super().__init__("hv-regs")

    def invoke(self, arg, from_tty):
        r = find(arg.strip())["regs"]
        rows = (("eax", "ebx", "ecx", "edx"), ("esi", "edi", "ebp", "esp"),
                ("eip", "eflags"))
        for row in rows:
            print("  ".join("%-6s 0x%08x" % (f, int(r[f]) & 0xFFFFFFFF)
                            for f in row))
        print("  ".join("%s %04x" % (f, int(r[f]) & 0xFFFF)
                        for f in ("cs", "ss", "ds", "es", "fs", "gs")))


class Walk(HvCommand):
    """hv-walk GUEST ADDR: the monitor's walk (the output goes to the console)."""

    def __init__(self):
        super().__init__("hv-walk")

    def invoke(self, arg, from_tty):
        words = arg.split()
        if len(words) != 2:
            raise gdb.GdbError("usage: hv-walk GUEST ADDR")
        g = find(words[0])
        gdb.execute("call monitor_walk(&guests[%d], %s)" % (int(g["id"]),
                                                             words[1]))
        gdb.execute("call console_flush()")


class Symbols(HvCommand):
    """hv-symbols GUEST: adds the guest image's symbols (build/guests/...)."""

    def __init__(self):
        super().__init__("hv-symbols")

    def invoke(self, arg, from_tty):
        g = find(arg.strip())
        image = g["module"]["cmdline"].string().split()[0]
        path = "build/guests/" + image
        gdb.execute("add-symbol-file %s" % path)
        print("guest code runs in ring 1 or 3; the hypervisor's is at the "
              "same addresses in ring 0: break on guest code with a "
              "condition, e.g. break main if ($cs & 3) != 0")


for command in (Guests, Current, Regs, Walk, Symbols):
    command()
