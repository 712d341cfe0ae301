/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The deterministic engine: simulated threads are coroutines on one host
 * thread; at every scheduling point the active strategy picks which runnable
 * thread goes next.  A run is fully described by (setup, options, seed) and
 * can be replayed from its decision log.
 *
 * Everything here is single-host-threaded by design: the engine state lives
 * in one global (struct sim) so that the hot path, sim_point(), is a few
 * loads and a compare.
 */
#ifndef MMSIM_SIM_H
#define MMSIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/ctx.h"

#define SIM_MAX_THREADS 64	/* runnable set is one 64-bit mask */
#define SIM_NAME_LEN 24

typedef uint64_t sim_mask_t;

enum sim_thread_state {
	SIM_RUNNABLE,
	SIM_BLOCKED,
	SIM_DONE,
};

/*
 * A wait queue is the set of threads blocked on something.  Locks,
 * completions, page locks and sequence retries are all built on it.
 */
struct sim_waitq {
	sim_mask_t waiters;
	const char *what;	/* shown in a deadlock report */
};

struct sim_thread {
	struct sim_ctx ctx;
	void (*fn)(void *arg);
	void *arg;
	void *priv;		/* the model's per-thread state */
	struct sim_waitq *waiting_on;
	int id;
	int state;
	int cpu;		/* -1 when not bound to a CPU */
	char name[SIM_NAME_LEN];
};

/* What ended a run. */
enum sim_outcome {
	SIM_OK,			/* every thread finished */
	SIM_VIOLATION,		/* an oracle or the engine found one */
	SIM_PRUNED,		/* the strategy cut a redundant schedule */
};

struct sim_violation {
	char kind[32];		/* stable short name: "uaf", "deadlock"... */
	char msg[512];
	uint64_t step;
	int thread;		/* -1 if found outside a thread */
	uint64_t site;		/* dedup key chosen by the reporter */
};

/*
 * A strategy chooses the next thread among the runnable ones.  @runnable
 * has at least two bits set when pick is called; @cur is the thread at
 * the scheduling point (it may not be runnable any more, when it blocked).
 */
struct sim_strategy {
	const char *name;
	int (*pick)(struct sim_strategy *s, sim_mask_t runnable, int cur);
	/* Called once per run before the first thread starts. */
	void (*begin)(struct sim_strategy *s);
	/*
	 * Ask the engine to record step footprints (sim/footprint.h), which
	 * pick() then reads: a sleep-set search needs them.
	 */
	bool wants_footprints;
	/*
	 * Optional: thread @id is the only one that can run and is about to
	 * (no choice, not recorded).  Returning false cuts the run as
	 * SIM_PRUNED, as a SIM_PICK_PRUNE from pick() does.
	 */
	bool (*forced)(struct sim_strategy *s, int id);
};

/*
 * pick() may return this instead of a thread: the rest of the run can
 * only repeat schedules explored already.  The run ends at once with
 * outcome SIM_PRUNED and no end-of-run checks.
 */
#define SIM_PICK_PRUNE (-2)

struct sim_decisions {
	uint8_t *v;		/* thread id chosen at each real choice */
	size_t len, cap;
};

struct sim_event {
	uint64_t step;
	uint64_t a, b, c;
	uint16_t kind;
	int16_t thread;
	int16_t cpu;
	uint16_t pad;
};

#define SIM_EVLOG_CAP (1u << 16)

struct sim_evlog {
	struct sim_event *ev;	/* ring of SIM_EVLOG_CAP */
	uint64_t n;		/* total events appended this run */
};

struct sim_config {
	uint64_t max_steps;	/* 0: no limit */
	struct sim_strategy *strategy;
	bool keep_events;	/* record the event log */
	/*
	 * Called at every scheduling point (before the choice), for
	 * expensive whole-machine checks; NULL for none.  It costs nothing
	 * when unset: it rides on the step-limit test of sim_point(), as
	 * step footprints do (sim/footprint.h).
	 */
	void (*point_hook)(void);
};

struct sim {
	struct sim_thread *current;
	sim_mask_t runnable;	/* threads in SIM_RUNNABLE */
	sim_mask_t live;	/* threads not yet SIM_DONE */
	uint64_t steps;
	/*
	 * What sim_point() compares steps with: the step limit, or 0 while
	 * a point hook is set or footprints are recorded, so that every
	 * point takes the slow path.
	 */
	uint64_t max_steps;
	uint64_t step_limit;
	void (*point_hook)(void);
	uint64_t switches;
	struct sim_strategy *strategy;
	struct sim_thread *threads[SIM_MAX_THREADS];
	int nthreads;
	struct sim_ctx main_ctx;
	bool running;
	bool keep_events;
	bool fp_on;		/* record step footprints (sim/footprint.h) */
	int outcome;
	struct sim_violation violation;
	struct sim_decisions decisions;
	struct sim_evlog evlog;
};

extern struct sim sim;

/* Set up a new run: forget threads, decisions and events of the last. */
void sim_reset(const struct sim_config *cfg);

#define SIM_MAX_RESET_HOOKS 16
/*
 * Modules with per-run state (lock-order graph, held locks) register a
 * hook here so that every run starts from the same state: a run must not
 * depend on what the runs before it did.  Hooks run in registration
 * order at each sim_reset().  Returns 0, or -1 when the table is full.
 */
int sim_reset_hook_register(void (*fn)(void));
/* Free every host resource the engine holds (stacks, logs). */
void sim_shutdown(void);

struct sim_thread *sim_thread_create(const char *name, void (*fn)(void *),
				     void *arg, int cpu);
/* Run all created threads to the end.  Returns enum sim_outcome. */
int sim_run(void);

void __sim_schedule(void);
void __sim_step_limit(void);

/*
 * A scheduling point: any step another thread could observe ends here.
 * The fast path does not switch when only one thread can run.
 */
static inline void sim_point(void)
{
	if (__builtin_expect(++sim.steps > sim.max_steps, 0))
		__sim_step_limit();
	if (sim.runnable & (sim.runnable - 1))
		__sim_schedule();
}

static inline struct sim_thread *sim_current(void)
{
	return sim.current;
}

static inline sim_mask_t sim_bit(int id)
{
	return (sim_mask_t)1 << id;
}

/* Block the current thread on @wq until woken; a scheduling point. */
void sim_wait(struct sim_waitq *wq);
void sim_wake_all(struct sim_waitq *wq);
void sim_wake_one(struct sim_waitq *wq);

/*
 * Report a violation and end the run: does not return when called from a
 * simulated thread.  Outside a thread it records and returns.
 */
__attribute__((format(printf, 3, 4))) void
sim_violation(const char *kind, uint64_t site, const char *fmt, ...);
/* Like sim_violation but returns (the caller unwinds itself). */
__attribute__((format(printf, 3, 4))) void
sim_record_violation(const char *kind, uint64_t site, const char *fmt, ...);

static inline void sim_event(uint16_t kind, uint64_t a, uint64_t b,
			     uint64_t c)
{
	if (sim.keep_events) {
		struct sim_event *e =
			&sim.evlog.ev[sim.evlog.n++ & (SIM_EVLOG_CAP - 1)];
		e->step = sim.steps;
		e->kind = kind;
		e->thread = sim.current ? (int16_t)sim.current->id : -1;
		e->cpu = sim.current ? (int16_t)sim.current->cpu : -1;
		e->pad = 0;
		e->a = a;
		e->b = b;
		e->c = c;
	}
}

/* Event kinds are registered by name so that traces can print them. */
struct sim_event_kind {
	const char *name;
	/* Formats the arguments; NULL prints them as hex. */
	int (*format)(char *buf, size_t len, const struct sim_event *e);
};

uint16_t sim_event_kind_register(const struct sim_event_kind *k);
const struct sim_event_kind *sim_event_kind_get(uint16_t kind);
/* Write the event log, one line per event, oldest first. */
int sim_evlog_format(const struct sim_event *e, char *buf, size_t len);

/* Decision log helpers (for replay and shrinking). */
void sim_decisions_push(struct sim_decisions *d, int thread);
void sim_decisions_free(struct sim_decisions *d);

#endif /* MMSIM_SIM_H */
