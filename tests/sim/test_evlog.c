// SPDX-License-Identifier: GPL-2.0-only
/*
 * Determinism: the same seed gives a byte-identical event log, another
 * seed a different one, and replaying a run's decision log reproduces its
 * event log exactly.
 */
#include <inttypes.h>

#include "sim/atomic.h"
#include "sim/lock.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

#define NWORKERS 4
#define NITERS 25
#define LOG_MAX (256 * 1024)

static int format_step(char *buf, size_t len, const struct sim_event *e)
{
	return snprintf(buf, len, "iter=%" PRIu64 " counter=%" PRIu64
			" held=%" PRIu64, e->a, e->b, e->c);
}

static const struct sim_event_kind step_kind = {
	.name = "test_step",
	.format = format_step,
};

static struct lock_class spin_class = { .name = "test_spin" };
static uint16_t kind;
static atomic_t counter;
static spinlock_t lock;
static uint64_t shared;

/* Atomics, a lock and plain steps: the log depends on the interleaving. */
static void worker(void *arg)
{
	for (int i = 0; i < NITERS; i++) {
		int v = atomic_inc_return(&counter);

		spin_lock(&lock);
		shared = shared * 31 + (uint64_t)sim_current()->id;
		sim_event(kind, (uint64_t)i, (uint64_t)v, shared);
		spin_unlock(&lock);
		sim_point();
	}
}

static void spawn(void)
{
	counter.counter = 0;
	shared = 0;
	spin_lock_init(&lock, &spin_class, "lock");
	for (int i = 0; i < NWORKERS; i++)
		sim_thread_create("worker", worker, NULL, i % 2);
}

/* The whole event log, one formatted line per event, into @buf. */
static size_t format_log(char *buf, size_t cap)
{
	uint64_t first = sim.evlog.n > SIM_EVLOG_CAP ?
				 sim.evlog.n - SIM_EVLOG_CAP : 0;
	size_t len = 0;

	for (uint64_t i = first; i < sim.evlog.n && len < cap; i++) {
		const struct sim_event *e =
			&sim.evlog.ev[i & (SIM_EVLOG_CAP - 1)];
		int n = sim_evlog_format(e, buf + len, cap - len);

		if (n < 0 || (size_t)n >= cap - len - 1)
			break;
		len += (size_t)n;
		buf[len++] = '\n';
	}
	buf[len < cap ? len : cap - 1] = '\0';
	return len;
}

static size_t run_logged(struct sim_strategy *s, char *buf)
{
	CHECK_INT(run_with(s, spawn, true), ==, SIM_OK);
	CHECK_U64(sim.evlog.n, ==, NWORKERS * NITERS);
	return format_log(buf, LOG_MAX);
}

static size_t run_seed_logged(uint64_t seed, char *buf)
{
	struct sim_random r;

	sim_random_init(&r, seed);
	return run_logged(&r.s, buf);
}

static void same_seed_same_log(void)
{
	char *a = malloc(LOG_MAX), *b = malloc(LOG_MAX);
	size_t la, lb;

	kind = sim_event_kind_register(&step_kind);
	CHECK_INT(kind, >, 0);
	la = run_seed_logged(1234, a);
	lb = run_seed_logged(1234, b);
	CHECK_INT(la, ==, lb);
	CHECK(!memcmp(a, b, la));
	CHECK_CONTAINS(a, "test_step");
	CHECK_CONTAINS(a, "counter=100");
	lb = run_seed_logged(1235, b);
	CHECK(la != lb || memcmp(a, b, la) != 0);
	free(a);
	free(b);
	sim_shutdown();
}

static void replay_reproduces_log(void)
{
	char *a = malloc(LOG_MAX), *b = malloc(LOG_MAX);
	struct sim_replay rp;
	uint8_t *log;
	size_t la, lb, nlog;

	kind = sim_event_kind_register(&step_kind);
	la = run_seed_logged(99, a);
	nlog = sim.decisions.len;
	CHECK_INT(nlog, >, 0);
	log = malloc(nlog);
	memcpy(log, sim.decisions.v, nlog);
	sim_replay_init(&rp, log, nlog);
	lb = run_logged(&rp.s, b);
	CHECK_INT(rp.diverged, ==, 0);
	CHECK_INT(la, ==, lb);
	CHECK(!memcmp(a, b, la));
	CHECK_INT(sim.decisions.len, ==, nlog);
	CHECK(!memcmp(sim.decisions.v, log, nlog));
	free(log);
	free(a);
	free(b);
	sim_shutdown();
}

/* Registration is idempotent and numbers are stable. */
static void kinds_register_once(void)
{
	uint16_t k1 = sim_event_kind_register(&step_kind);
	uint16_t k2 = sim_event_kind_register(&step_kind);

	CHECK_INT(k1, ==, k2);
	CHECK(sim_event_kind_get(k1) == &step_kind);
	CHECK(sim_event_kind_get(0) == NULL);
}

TAP_MAIN(TEST(same_seed_same_log), TEST(replay_reproduces_log),
	 TEST(kinds_register_once))
