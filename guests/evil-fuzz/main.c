/*
 * evil-fuzz: random hypercalls, straight and through the async ring, and
 * a check of every result against the ABI (docs/abi.md). The ABI has no
 * error returns: the hypervisor refuses a bad call by killing the guest.
 * So the fuzzing comes in phases:
 *
 * 1. Survivable: `calls` random calls that the ABI says must succeed, with
 *    random arguments (model.c), among them the edges that are still
 *    legal: zero-length reads anywhere, the last byte of memory, a PAE
 *    top-level entry that covers the reserve, gate offsets up to their
 *    segment's limit, not-present gates full of garbage, GDT entries the
 *    hypervisor skips, far-off timers. Some are synchronous, most come
 *    through rounds of the async ring with random contents (ring.c).
 *    Every result is checked; a wrong one prints a FAILED line. The guest
 *    then says how many calls it survived: the count is fixed by `calls`,
 *    the split between synchronous and ring calls by the seed.
 * 2. The end (end=fatal, the default): a few more valid calls, then one
 *    the ABI says kills (fatal.c), synchronous or from the ring. The guest
 *    first prints the reason the kill line must give; the test pins both.
 *    With end=chaos: calls nobody predicts (chaos.c) until one kills.
 *    With end=restart: SHUTDOWN restarts it, and the new guest, which must
 *    find everything afresh, does both phases again (with end=fatal).
 *
 * Time stays out of it: no timer is ever set that could fire during a
 * test (only 18 minutes or more ahead), so no interrupt is ever pending,
 * and HALT only comes at the end with none set, where it must kill.
 * What a seed does is then the same on every boot, on either host.
 *
 * Command line: seed=N; calls=N (default 100000); ring=N, the percentage
 * of steps that are ring rounds rather than one call (default 20);
 * end=fatal|chaos|restart; chaos=N, the chaos calls (default 2000);
 * pt=pae, PAE page tables; paging, page tables of its own to switch
 * between; console=N, one console write in N up to 4096 bytes long.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <paging.h>
#include "fuzz.h"

#define LAST_VALID      8       /* at most this many calls before the end */

struct fuzz fuzz;
static uint32_t state;

uint32_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

/*
 * A random TS call may have set the task-switched flag, and newlib's
 * printf touches the FPU, which would then raise #NM into whatever gate
 * the fuzzer left for it: the flag is cleared before each.
 */
static void fpu_usable(void)
{
	hcall(HV_CALL_TS, 0, 0, 0, 0);
}

void say(const char *fmt, ...)
{
	va_list ap;

	fpu_usable();
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void wrong_result(const struct call *c, uint32_t got, const char *where)
{
	fuzz.wrong++;
	if (fuzz.wrong <= 10)
		say("FAILED: call %u (0x%x, 0x%x, 0x%x, 0x%x) %s returned "
		       "0x%x, not 0x%x\n", c->nr, c->arg[0], c->arg[1],
		       c->arg[2], c->arg[3], where, got, c->expect);
}

void sync_call(const struct call *c)
{
	uint32_t got = hcall(c->nr, c->arg[0], c->arg[1], c->arg[2],
			     c->arg[3]);

	fuzz.calls++;
	fuzz.sync++;
	if (!c->any_result && got != c->expect)
		wrong_result(c, got, "synchronously");
}

/* Ends the line that console writes of the fuzzing began, if any. */
static void end_text_line(void)
{
	if (fuzz.text)
		say("\n");
	fuzz.text = 0;
}

static void survive(uint32_t target, unsigned ring_percent)
{
	struct call c;

	while (fuzz.calls < target) {
		if (chance(ring_percent)) {
			ring_round(target - fuzz.calls);
			continue;
		}
		model_ring_empty();
		valid_call(&c);
		sync_call(&c);
	}
}

/* The last calls: no timer, a few valid ones, then one that kills. */
static void finish(void)
{
	struct call c = { HV_CALL_SET_TIMER, { 0, 0, 0, 0 }, 0, 0 };
	char why[REASON_MAX];
	unsigned n;

	fuzz.final = 1;
	sync_call(&c);
	for (n = below(LAST_VALID); n > 0; n--) {
		model_ring_empty();
		valid_call(&c);
		sync_call(&c);
	}
	fpu_usable();       /* snprintf uses it too */
	end_text_line();
	if (chance(50))
		ring_fatal(below(LAST_VALID));
	fatal_call(&c, why, 0);
	say("after %u calls: expect \"%s\"\n", fuzz.calls, why);
	hcall(c.nr, c.arg[0], c.arg[1], c.arg[2], c.arg[3]);
	say("FAILED: still alive after the call that must kill\n");
}

static const char *arg_value(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], key, n) == 0 &&
		    (argv[i][n] == '=' || argv[i][n] == '\0'))
			return argv[i] + n + (argv[i][n] == '=');
	return NULL;
}

static uint32_t arg_number(int argc, char **argv, const char *key,
			   uint32_t otherwise)
{
	const char *v = arg_value(argc, argv, key);

	return v ? (uint32_t)strtoul(v, NULL, 0) : otherwise;
}

/* end=restart, first life: restarts the guest, maybe from the ring. */
static void restart(void)
{
	struct call c = { HV_CALL_SHUTDOWN, { HV_SHUTDOWN_RESTART, rnd(), rnd(),
					      rnd() }, 0, 0 };

	say("restarting after %u calls\n", fuzz.calls);
	if (chance(50)) {
		ring_clear();
		ring_queue(&c);
		c.nr = HV_CALL_FLUSH_ASYNC;
	}
	hcall(c.nr, c.arg[0], c.arg[1], c.arg[2], c.arg[3]);
	say("FAILED: still running after the restart\n");
	hv_exit(1);
}

static void start(int argc, char **argv, uint32_t seed)
{
	/* A restarted guest fuzzes anew, in memory and state made afresh. */
	state = 0x9E3779B9u ^ (seed + hv_boot->restarts * 7919u) * 0x85EBCA6Bu;
	if (!state)
		state = 1;
	if (hv_boot->reserve_top < RESERVE_LOW)
		hv_crash("the reserve starts below where the fuzzer expects");
	fuzz.mem = hv_boot->mem_bytes;
	fuzz.pae = hv_pt_format == HV_PT_PAE;
	fuzz.paging = arg_value(argc, argv, "paging") != NULL;
	fuzz.console = arg_number(argc, argv, "console", 0);
	model_init();
	ring_init();
	if (fuzz.paging)
		paging_init();
}

int main(int argc, char **argv)
{
	uint32_t seed = arg_number(argc, argv, "seed", 0);
	uint32_t calls = arg_number(argc, argv, "calls", 100000);
	const char *end = arg_value(argc, argv, "end");
	int chaotic = end && strcmp(end, "chaos") == 0;
	int restarting = end && strcmp(end, "restart") == 0 &&
			 hv_boot->restarts == 0;

	start(argc, argv, seed);
	say("seed %u%s: %u valid calls, then %s\n", seed,
	    hv_boot->restarts ? " after a restart" : "", calls, chaotic ?
	    "chaos" : restarting ? "a restart" : "one that must kill");
	survive(calls, arg_number(argc, argv, "ring", 20));
	end_text_line();
	say("survived %u calls: %u synchronous, %u from the ring in %u "
	    "rounds; %u wrong results\n", fuzz.calls, fuzz.sync, fuzz.ring,
	    fuzz.rounds, fuzz.wrong);
	if (chaotic)
		chaos(arg_number(argc, argv, "chaos", 2000));
	if (restarting)
		restart();
	finish();
	return 1;
}
