// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler.
 *
 * All simulated threads run on the host thread that called sim_run().  A
 * thread runs until its next scheduling point, where the strategy picks
 * the next runnable thread; a switch goes straight from thread to thread.
 * The main context (sim_run's caller) is resumed only when the run ends:
 * every thread done, a violation, a deadlock or the step limit.
 *
 * Only real choices (two or more runnable threads) are recorded in the
 * decision log, so a run is replayed by feeding the same choices back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/footprint.h"
#include "sim/sim.h"

#if defined(__SANITIZE_ADDRESS__)
#define SIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_ASAN 1
#endif
#endif

#ifdef SIM_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#define SIM_STACK_SIZE (256 * 1024)

struct sim sim;

/* Thread structs and their stacks survive across runs: mmap is slow. */
static struct sim_thread *thread_pool[SIM_MAX_THREADS];

static void (*reset_hooks[SIM_MAX_RESET_HOOKS])(void);
static int nreset_hooks;

static void switch_to(struct sim_ctx *from, struct sim_ctx *to, bool dying)
{
#ifdef SIM_ASAN
	void *fake = NULL;
	const void *lo;
	size_t size;

	__sanitizer_start_switch_fiber(dying ? NULL : &fake, to->stack_lo,
				       to->stack_size);
	sim_ctx_swap(from, to);
	__sanitizer_finish_switch_fiber(fake, &lo, &size);
#else
	(void)dying;
	sim_ctx_swap(from, to);
#endif
}

static void note_main_stack(void)
{
#ifdef SIM_ASAN
	const void *lo;
	size_t size;

	/*
	 * A new coroutine is always first entered from the main context
	 * or from another coroutine; ASan tells us the stack we came from,
	 * which we only need for the way back to main.
	 */
	__sanitizer_finish_switch_fiber(NULL, &lo, &size);
	if (!sim.main_ctx.stack_lo) {
		sim.main_ctx.stack_lo = (void *)lo;
		sim.main_ctx.stack_size = size;
	}
#endif
}

static void run_ended(void)
{
	struct sim_thread *t = sim.current;

	sim.running = false;
	/* The thread is never resumed, whatever its state: drop its frames. */
	switch_to(&t->ctx, &sim.main_ctx, true);
	/* Never resumed: the run is over and the stack is recycled. */
	abort();
}

static void report_deadlock(void)
{
	char *p = sim.violation.msg;
	size_t left = sizeof(sim.violation.msg);
	int n;

	n = snprintf(p, left, "no thread can run;");
	for (int i = 0; i < sim.nthreads && n >= 0 && (size_t)n < left; i++) {
		struct sim_thread *t = sim.threads[i];

		p += n;
		left -= (size_t)n;
		if (t->state != SIM_BLOCKED) {
			n = 0;
			continue;
		}
		n = snprintf(p, left, " %s waits on %s;", t->name,
			     t->waiting_on && t->waiting_on->what ?
				     t->waiting_on->what :
				     "?");
	}
	snprintf(sim.violation.kind, sizeof(sim.violation.kind), "deadlock");
	sim.violation.step = sim.steps;
	sim.violation.thread = sim.current ? sim.current->id : -1;
	sim.violation.site = 0;
	sim.outcome = SIM_VIOLATION;
}

/* Pick among the runnable threads and switch if it is not the current. */
static void schedule_from(struct sim_thread *cur)
{
	struct sim_thread *next;
	int id;

	if (sim.fp_on)
		sim_fp_boundary();
	if (!sim.runnable) {
		if (sim.live) {
			report_deadlock();
		}
		run_ended();
	}
	if (sim.runnable & (sim.runnable - 1)) {
		id = sim.strategy->pick(sim.strategy, sim.runnable, cur->id);
		if (id == SIM_PICK_PRUNE) {
			sim.outcome = SIM_PRUNED;
			run_ended();
		}
		if (id < 0 || id >= sim.nthreads ||
		    !(sim.runnable & sim_bit(id))) {
			sim_violation("strategy", 0,
				      "strategy %s picked thread %d, not runnable",
				      sim.strategy->name, id);
		}
		sim_decisions_push(&sim.decisions, id);
		/* pick() has read what ran since the last choice */
		if (sim.fp_on)
			sim_fp_chosen(id);
	} else {
		id = __builtin_ctzll(sim.runnable);
		if (id != cur->id && sim.strategy->forced &&
		    !sim.strategy->forced(sim.strategy, id)) {
			sim.outcome = SIM_PRUNED;
			run_ended();
		}
		if (sim.fp_on && id != cur->id)
			sim_fp_step_begin(id);
	}
	next = sim.threads[id];
	if (next == cur)
		return;
	sim.switches++;
	sim.current = next;
	switch_to(&cur->ctx, &next->ctx, cur->state == SIM_DONE);
}

void __sim_schedule(void)
{
	schedule_from(sim.current);
}

void __sim_step_limit(void)
{
	if (sim.steps <= sim.step_limit) {
		/* the hook's reads end the step that reached the point */
		if (sim.point_hook)
			sim.point_hook();
		if (sim.fp_on)
			sim_fp_boundary();
		return;
	}
	/* Undo the increment so that the reported step is the last one. */
	sim.steps--;
	sim_violation("step-limit", 0, "run exceeded %llu steps",
		      (unsigned long long)sim.step_limit);
}

static void thread_entry(void)
{
	struct sim_thread *t = sim.current;

	note_main_stack();
	t->fn(t->arg);
	t->state = SIM_DONE;
	sim.runnable &= ~sim_bit(t->id);
	sim.live &= ~sim_bit(t->id);
	if (!sim.live)
		run_ended();
	schedule_from(t);
	abort();
}

struct sim_thread *sim_thread_create(const char *name, void (*fn)(void *),
				     void *arg, int cpu)
{
	struct sim_thread *t;
	int id = sim.nthreads;

	if (id >= SIM_MAX_THREADS || sim.running)
		return NULL;
	t = thread_pool[id];
	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t)
			return NULL;
		if (sim_ctx_stack_alloc(&t->ctx, SIM_STACK_SIZE)) {
			free(t);
			return NULL;
		}
		thread_pool[id] = t;
	}
	t->fn = fn;
	t->arg = arg;
	t->priv = NULL;
	t->waiting_on = NULL;
	t->id = id;
	t->cpu = cpu;
	t->state = SIM_RUNNABLE;
	snprintf(t->name, sizeof(t->name), "%s", name);
#ifdef SIM_ASAN
	/* A recycled stack may keep the poison of an abandoned run. */
	ASAN_UNPOISON_MEMORY_REGION(t->ctx.stack_lo, t->ctx.stack_size);
#endif
	sim_ctx_make(&t->ctx, thread_entry);
	sim.threads[id] = t;
	sim.nthreads++;
	sim.runnable |= sim_bit(id);
	sim.live |= sim_bit(id);
	return t;
}

int sim_reset_hook_register(void (*fn)(void))
{
	for (int i = 0; i < nreset_hooks; i++)
		if (reset_hooks[i] == fn)
			return 0;
	if (nreset_hooks >= SIM_MAX_RESET_HOOKS)
		return -1;
	reset_hooks[nreset_hooks++] = fn;
	return 0;
}

void sim_reset(const struct sim_config *cfg)
{
	static struct sim_strategy first = { 0 };

	sim.current = NULL;
	sim.runnable = 0;
	sim.live = 0;
	sim.steps = 0;
	sim.switches = 0;
	sim.step_limit = cfg->max_steps ? cfg->max_steps : UINT64_MAX;
	sim.point_hook = cfg->point_hook;
	sim.max_steps = sim.step_limit;
	sim.strategy = cfg->strategy ? cfg->strategy : &first;
	sim.nthreads = 0;
	sim.running = false;
	sim.outcome = SIM_OK;
	memset(&sim.violation, 0, sizeof(sim.violation));
	sim.violation.thread = -1;
	sim.decisions.len = 0;
	sim.keep_events = cfg->keep_events;
	sim.fp_on = sim.strategy->wants_footprints;
	sim_fp_reset();
	/* every point takes the slow path: each step's end is recorded */
	if (sim.point_hook || sim.fp_on)
		sim.max_steps = 0;
	sim.evlog.n = 0;
	if (sim.keep_events && !sim.evlog.ev) {
		sim.evlog.ev = calloc(SIM_EVLOG_CAP, sizeof(*sim.evlog.ev));
		if (!sim.evlog.ev)
			sim.keep_events = false;
	}
	for (int i = 0; i < nreset_hooks; i++)
		reset_hooks[i]();
}

int sim_run(void)
{
	int id;

	if (!sim.live)
		return sim.outcome;
	if (sim.strategy->begin)
		sim.strategy->begin(sim.strategy);
	sim.running = true;
	if (sim.runnable & (sim.runnable - 1)) {
		id = sim.strategy->pick(sim.strategy, sim.runnable, -1);
		if (id < 0 || id >= sim.nthreads ||
		    !(sim.runnable & sim_bit(id)))
			id = __builtin_ctzll(sim.runnable);
		sim_decisions_push(&sim.decisions, id);
	} else {
		id = __builtin_ctzll(sim.runnable);
	}
	if (sim.fp_on)
		sim_fp_chosen(id);
	sim.current = sim.threads[id];
	switch_to(&sim.main_ctx, &sim.current->ctx, false);
	sim.running = false;
	sim.current = NULL;
	/* building the next world is not a step: record nothing */
	sim.fp_on = false;
	return sim.outcome;
}

void sim_shutdown(void)
{
	for (int i = 0; i < SIM_MAX_THREADS; i++) {
		if (!thread_pool[i])
			continue;
		sim_ctx_stack_free(&thread_pool[i]->ctx);
		free(thread_pool[i]);
		thread_pool[i] = NULL;
	}
	sim_decisions_free(&sim.decisions);
	free(sim.evlog.ev);
	sim.evlog.ev = NULL;
	sim.nthreads = 0;
}

void sim_wait(struct sim_waitq *wq)
{
	struct sim_thread *t = sim.current;

	sim_touch(wq, true);
	t->state = SIM_BLOCKED;
	t->waiting_on = wq;
	wq->waiters |= sim_bit(t->id);
	sim.runnable &= ~sim_bit(t->id);
	sim.steps++;
	schedule_from(t);
}

static void wake_mask(sim_mask_t m)
{
	while (m) {
		int id = __builtin_ctzll(m);
		struct sim_thread *t = sim.threads[id];

		m &= m - 1;
		t->state = SIM_RUNNABLE;
		t->waiting_on = NULL;
		sim.runnable |= sim_bit(id);
	}
}

void sim_wake_all(struct sim_waitq *wq)
{
	sim_mask_t m = wq->waiters;

	sim_touch(wq, true);
	wq->waiters = 0;
	wake_mask(m);
}

void sim_wake_one(struct sim_waitq *wq)
{
	sim_mask_t m = wq->waiters & -wq->waiters;

	sim_touch(wq, true);
	wq->waiters &= ~m;
	wake_mask(m);
}

static void vrecord(const char *kind, uint64_t site, const char *fmt,
		    va_list ap)
{
	if (sim.outcome == SIM_VIOLATION)
		return;		/* the first one ends the run */
	snprintf(sim.violation.kind, sizeof(sim.violation.kind), "%s", kind);
	vsnprintf(sim.violation.msg, sizeof(sim.violation.msg), fmt, ap);
	sim.violation.step = sim.steps;
	sim.violation.thread = sim.current ? sim.current->id : -1;
	sim.violation.site = site;
	sim.outcome = SIM_VIOLATION;
}

void sim_record_violation(const char *kind, uint64_t site, const char *fmt,
			  ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(kind, site, fmt, ap);
	va_end(ap);
}

void sim_violation(const char *kind, uint64_t site, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(kind, site, fmt, ap);
	va_end(ap);
	if (sim.running && sim.current)
		run_ended();
}

void sim_decisions_push(struct sim_decisions *d, int thread)
{
	if (d->len == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4096;
		uint8_t *v = realloc(d->v, cap);

		if (!v) {
			sim_violation("internal", 0, "out of memory (decisions)");
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	d->v[d->len++] = (uint8_t)thread;
}

void sim_decisions_free(struct sim_decisions *d)
{
	free(d->v);
	d->v = NULL;
	d->len = d->cap = 0;
}
