// SPDX-License-Identifier: GPL-2.0-only
/*
 * Spinlocks, mutexes and rw-semaphores, with lock-order checking.
 *
 * Every blocking acquire follows the same order: might_sleep() (not for
 * spinlocks), a scheduling point, the lock-order and recursion checks,
 * then wait until the lock is free.  Checking order before waiting means
 * an inversion is reported even under a schedule that never deadlocks.
 */
#include <stdio.h>
#include <string.h>

#include "sim/footprint.h"
#include "sim/lock.h"

struct held_lock {
	struct lock_head *lock;
	bool atomic;		/* a spinlock */
};

struct thread_locks {
	struct held_lock held[LOCK_MAX_HELD];
	int nheld;
	int atomic;
};

/* Per thread, indexed by thread id; reset at the start of each run. */
static struct thread_locks tl[SIM_MAX_THREADS];

/*
 * order[a] has bit b set once class b was taken while a was held; the
 * names record that first acquisition for the report.  Classes keep their
 * ids for the life of the process; the order graph is per run.
 */
static struct lock_class *classes[LOCK_MAX_CLASSES];
static int nclasses = 1;
static uint64_t order[LOCK_MAX_CLASSES];
static char order_where[LOCK_MAX_CLASSES][LOCK_MAX_CLASSES][SIM_NAME_LEN];

/*
 * Runs at every sim_reset(), so it touches only what is read before it is
 * written: the held counts and the order bits (order_where[a][b] is read
 * only while bit b of order[a] is set).
 */
void lock_reset(void)
{
	for (int i = 0; i < SIM_MAX_THREADS; i++) {
		tl[i].nheld = 0;
		tl[i].atomic = 0;
	}
	lock_held_total = 0;
	memset(order, 0, sizeof(order));
}

/* Run lock_reset() at every sim_reset(): order state must not leak. */
__attribute__((constructor)) static void lock_register_reset(void)
{
	sim_reset_hook_register(lock_reset);
}

static int class_id(struct lock_class *c)
{
	if (!c->id) {
		if (nclasses >= LOCK_MAX_CLASSES)
			return 0;
		c->id = nclasses;
		classes[nclasses++] = c;
	}
	return c->id;
}

void lockdep_init(struct lock_head *h, struct lock_class *c,
		  const char *name)
{
	h->wq.waiters = 0;
	h->wq.what = name;
	h->class = c;
	h->name = name;
	class_id(c);
}

static struct thread_locks *me(void)
{
	return &tl[sim_current()->id];
}

/* Is there a path from class a to class b in the order graph? */
static bool reaches(int a, int b, uint64_t seen)
{
	uint64_t next = order[a] & ~seen;

	if (order[a] & ((uint64_t)1 << b))
		return true;
	seen |= next | ((uint64_t)1 << a);
	while (next) {
		int c = __builtin_ctzll(next);

		next &= next - 1;
		if (reaches(c, b, seen))
			return true;
	}
	return false;
}

void lockdep_check_order(struct lock_head *h)
{
	struct thread_locks *t = me();
	int b = h->class->id;

	/* The order graph is history every acquire reads; new edges write. */
	sim_touch(order, false);
	for (int i = 0; i < t->nheld; i++) {
		int a = t->held[i].lock->class->id;

		/* Same class nests freely (all PTLs share one class). */
		if (a == b || (order[a] & ((uint64_t)1 << b)))
			continue;
		if (reaches(b, a, 0)) {
			/* A path of several edges has no single witness. */
			const char *who = order[b] & ((uint64_t)1 << a) ?
						  order_where[b][a] :
						  "a chain of threads";

			sim_violation("lock-order",
				      (uint64_t)a << 16 | (uint64_t)b,
				      "%s takes %s (%s) while holding %s (%s); "
				      "earlier %s took %s after %s",
				      sim_current()->name, h->name,
				      h->class->name, t->held[i].lock->name,
				      classes[a]->name, who, classes[a]->name,
				      classes[b]->name);
		}
		sim_touch(order, true);
		order[a] |= (uint64_t)1 << b;
		snprintf(order_where[a][b], sizeof(order_where[a][b]), "%s",
			 sim_current()->name);
	}
}

bool lockdep_is_held(const struct lock_head *h)
{
	struct thread_locks *t = me();

	for (int i = 0; i < t->nheld; i++)
		if (t->held[i].lock == h)
			return true;
	return false;
}

void (*lock_atomic_exit_hook)(void);
int lock_held_total;

void lockdep_acquired(struct lock_head *h, bool atomic)
{
	struct thread_locks *t = me();

	sim_touch(h, true);
	if (t->nheld >= LOCK_MAX_HELD)
		sim_violation("internal", 0, "%s holds too many locks",
			      sim_current()->name);
	t->held[t->nheld].lock = h;
	t->held[t->nheld].atomic = atomic;
	t->nheld++;
	t->atomic += atomic;
	lock_held_total++;
}

void lockdep_release(struct lock_head *h)
{
	struct thread_locks *t = me();

	sim_touch(h, true);
	for (int i = t->nheld - 1; i >= 0; i--) {
		if (t->held[i].lock != h)
			continue;
		bool atomic = t->held[i].atomic;

		t->atomic -= atomic;
		memmove(&t->held[i], &t->held[i + 1],
			(size_t)(t->nheld - i - 1) * sizeof(t->held[0]));
		t->nheld--;
		lock_held_total--;
		if (atomic && !t->atomic && lock_atomic_exit_hook)
			lock_atomic_exit_hook();
		return;
	}
	sim_violation("lock-unheld", 0, "%s releases %s it does not hold",
		      sim_current()->name, h->name);
}

/* Taking a lock the thread already holds can only deadlock. */
static void check_recursion(struct lock_head *h)
{
	if (lockdep_is_held(h))
		sim_violation("deadlock", 0, "%s takes %s twice",
			      sim_current()->name, h->name);
}

int lock_atomic_depth(void)
{
	return sim_current() ? me()->atomic : 0;
}

void might_sleep(void)
{
	struct thread_locks *t;

	if (!sim_current())
		return;
	t = me();
	if (t->atomic) {
		const char *held = "?";

		for (int i = t->nheld - 1; i >= 0; i--) {
			if (t->held[i].atomic) {
				held = t->held[i].lock->name;
				break;
			}
		}
		sim_violation("sleep-in-atomic", 0,
			      "%s may sleep while holding spinlock %s",
			      sim_current()->name, held);
	}
}

/* The start of every blocking acquire. */
static void acquire_begin(struct lock_head *h)
{
	sim_point();
	sim_touch(h, true);
	lockdep_check_order(h);
	check_recursion(h);
}

/* ---- spinlock ---- */

void spin_lock_init(spinlock_t *l, struct lock_class *c, const char *name)
{
	lockdep_init(&l->h, c, name);
	l->owner = -1;
}

void spin_lock(spinlock_t *l)
{
	acquire_begin(&l->h);
	while (l->owner >= 0)
		sim_wait(&l->h.wq);
	l->owner = (int16_t)sim_current()->id;
	lockdep_acquired(&l->h, true);
}

bool spin_trylock(spinlock_t *l)
{
	sim_point();
	sim_touch(&l->h, true);
	if (l->owner >= 0)
		return false;
	l->owner = (int16_t)sim_current()->id;
	lockdep_acquired(&l->h, true);
	return true;
}

void spin_unlock(spinlock_t *l)
{
	if (l->owner != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s unlocks %s held by t%d",
			      sim_current()->name, l->h.name, l->owner);
	lockdep_release(&l->h);
	l->owner = -1;
	sim_wake_all(&l->h.wq);
	sim_point();
}

/* ---- mutex ---- */

void mutex_init(struct mutex *m, struct lock_class *c, const char *name)
{
	lockdep_init(&m->h, c, name);
	m->owner = -1;
}

void mutex_lock(struct mutex *m)
{
	might_sleep();
	acquire_begin(&m->h);
	while (m->owner >= 0)
		sim_wait(&m->h.wq);
	m->owner = (int16_t)sim_current()->id;
	lockdep_acquired(&m->h, false);
}

bool mutex_trylock(struct mutex *m)
{
	sim_point();
	sim_touch(&m->h, true);
	if (m->owner >= 0)
		return false;
	m->owner = (int16_t)sim_current()->id;
	lockdep_acquired(&m->h, false);
	return true;
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s unlocks %s held by t%d",
			      sim_current()->name, m->h.name, m->owner);
	lockdep_release(&m->h);
	m->owner = -1;
	sim_wake_all(&m->h.wq);
	sim_point();
}

/* ---- rw-semaphore ---- */

void init_rwsem(struct rw_semaphore *s, struct lock_class *c,
		const char *name)
{
	lockdep_init(&s->h, c, name);
	s->writer = -1;
	s->readers = 0;
	s->writers_waiting = 0;
}

static bool read_blocked(const struct rw_semaphore *s)
{
	return s->writer >= 0 || s->writers_waiting;
}

void down_read(struct rw_semaphore *s)
{
	might_sleep();
	acquire_begin(&s->h);
	while (read_blocked(s))
		sim_wait(&s->h.wq);
	s->readers++;
	lockdep_acquired(&s->h, false);
}

bool down_read_trylock(struct rw_semaphore *s)
{
	sim_point();
	sim_touch(&s->h, true);
	if (read_blocked(s))
		return false;
	s->readers++;
	lockdep_acquired(&s->h, false);
	return true;
}

void up_read(struct rw_semaphore *s)
{
	lockdep_release(&s->h);
	s->readers--;
	if (!s->readers)
		sim_wake_all(&s->h.wq);
	sim_point();
}

void down_write(struct rw_semaphore *s)
{
	might_sleep();
	acquire_begin(&s->h);
	if (s->writer >= 0 || s->readers) {
		s->writers_waiting++;
		do
			sim_wait(&s->h.wq);
		while (s->writer >= 0 || s->readers);
		s->writers_waiting--;
	}
	s->writer = (int16_t)sim_current()->id;
	lockdep_acquired(&s->h, false);
}

bool down_write_trylock(struct rw_semaphore *s)
{
	sim_point();
	sim_touch(&s->h, true);
	/* A woken writer that has not run yet keeps its turn. */
	if (s->writer >= 0 || s->readers || s->writers_waiting)
		return false;
	s->writer = (int16_t)sim_current()->id;
	lockdep_acquired(&s->h, false);
	return true;
}

void up_write(struct rw_semaphore *s)
{
	if (s->writer != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s up_write %s held by t%d",
			      sim_current()->name, s->h.name, s->writer);
	lockdep_release(&s->h);
	s->writer = -1;
	sim_wake_all(&s->h.wq);
	sim_point();
}

/*
 * A step of a thread reads every lock it holds: a lock-free writer of the
 * state a lock orders writes the lock, and so depends on the holder's
 * steps.  Reads, so that two readers of an rwsem or SRCU stay independent.
 */
void lock_touch_held(int id)
{
	const struct thread_locks *t = &tl[id];

	for (int i = 0; i < t->nheld; i++)
		sim_touch(t->held[i].lock, false);
}
