// SPDX-License-Identifier: GPL-2.0-only
/*
 * Spinlocks, mutexes and rw-semaphores, with lock-order checking.
 */
#include <stdio.h>
#include <string.h>

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
 * order[a][b] is set once class b was taken while a was held; the names
 * record that first acquisition for the report.
 */
static struct lock_class *classes[LOCK_MAX_CLASSES];
static int nclasses = 1;
static uint64_t order[LOCK_MAX_CLASSES];	/* bit b of order[a] */
static char order_where[LOCK_MAX_CLASSES][LOCK_MAX_CLASSES][48];

void lock_reset(void)
{
	memset(tl, 0, sizeof(tl));
	memset(order, 0, sizeof(order));
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

static void head_init(struct lock_head *h, struct lock_class *c,
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

static void check_order(struct lock_head *h)
{
	struct thread_locks *t = me();
	int b = h->class->id;

	for (int i = 0; i < t->nheld; i++) {
		int a = t->held[i].lock->class->id;

		if (a == b || (order[a] & ((uint64_t)1 << b)))
			continue;
		if (reaches(b, a, 0)) {
			sim_violation("lock-order",
				      (uint64_t)a << 16 | (uint64_t)b,
				      "%s takes %s (%s) while holding %s (%s); "
				      "earlier %s took %s after %s",
				      sim_current()->name, h->name,
				      h->class->name, t->held[i].lock->name,
				      classes[a]->name, order_where[b][a],
				      classes[a]->name, classes[b]->name);
		}
		order[a] |= (uint64_t)1 << b;
		snprintf(order_where[a][b], sizeof(order_where[a][b]), "%s",
			 sim_current()->name);
	}
}

static void held_push(struct lock_head *h, bool atomic)
{
	struct thread_locks *t = me();

	if (t->nheld >= LOCK_MAX_HELD)
		sim_violation("internal", 0, "%s holds too many locks",
			      sim_current()->name);
	t->held[t->nheld].lock = h;
	t->held[t->nheld].atomic = atomic;
	t->nheld++;
	t->atomic += atomic;
}

static void held_pop(struct lock_head *h)
{
	struct thread_locks *t = me();

	for (int i = t->nheld - 1; i >= 0; i--) {
		if (t->held[i].lock != h)
			continue;
		t->atomic -= t->held[i].atomic;
		memmove(&t->held[i], &t->held[i + 1],
			(size_t)(t->nheld - i - 1) * sizeof(t->held[0]));
		t->nheld--;
		return;
	}
	sim_violation("lock-unheld", 0, "%s releases %s it does not hold",
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

/* ---- spinlock ---- */

void spin_lock_init(spinlock_t *l, struct lock_class *c, const char *name)
{
	head_init(&l->h, c, name);
	l->owner = -1;
}

void spin_lock(spinlock_t *l)
{
	int id = sim_current()->id;

	sim_point();
	check_order(&l->h);
	if (l->owner == id)
		sim_violation("deadlock", 0, "%s takes %s twice",
			      sim_current()->name, l->h.name);
	while (l->owner >= 0)
		sim_wait(&l->h.wq);
	l->owner = (int16_t)id;
	held_push(&l->h, true);
}

bool spin_trylock(spinlock_t *l)
{
	sim_point();
	if (l->owner >= 0)
		return false;
	l->owner = (int16_t)sim_current()->id;
	held_push(&l->h, true);
	return true;
}

void spin_unlock(spinlock_t *l)
{
	if (l->owner != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s unlocks %s held by t%d",
			      sim_current()->name, l->h.name, l->owner);
	held_pop(&l->h);
	l->owner = -1;
	sim_wake_all(&l->h.wq);
	sim_point();
}

/* ---- mutex ---- */

void mutex_init(struct mutex *m, struct lock_class *c, const char *name)
{
	head_init(&m->h, c, name);
	m->owner = -1;
}

void mutex_lock(struct mutex *m)
{
	int id = sim_current()->id;

	might_sleep();
	sim_point();
	check_order(&m->h);
	if (m->owner == id)
		sim_violation("deadlock", 0, "%s takes %s twice",
			      sim_current()->name, m->h.name);
	while (m->owner >= 0)
		sim_wait(&m->h.wq);
	m->owner = (int16_t)id;
	held_push(&m->h, false);
}

bool mutex_trylock(struct mutex *m)
{
	sim_point();
	if (m->owner >= 0)
		return false;
	m->owner = (int16_t)sim_current()->id;
	held_push(&m->h, false);
	return true;
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s unlocks %s held by t%d",
			      sim_current()->name, m->h.name, m->owner);
	held_pop(&m->h);
	m->owner = -1;
	sim_wake_all(&m->h.wq);
	sim_point();
}

/* ---- rw-semaphore ---- */

void init_rwsem(struct rw_semaphore *s, struct lock_class *c,
		const char *name)
{
	head_init(&s->h, c, name);
	s->writer = -1;
	s->readers = 0;
}

void down_read(struct rw_semaphore *s)
{
	might_sleep();
	sim_point();
	check_order(&s->h);
	if (s->writer == sim_current()->id)
		sim_violation("deadlock", 0, "%s reads %s it writes",
			      sim_current()->name, s->h.name);
	while (s->writer >= 0)
		sim_wait(&s->h.wq);
	s->readers++;
	held_push(&s->h, false);
}

bool down_read_trylock(struct rw_semaphore *s)
{
	sim_point();
	if (s->writer >= 0)
		return false;
	s->readers++;
	held_push(&s->h, false);
	return true;
}

void up_read(struct rw_semaphore *s)
{
	held_pop(&s->h);
	s->readers--;
	if (!s->readers)
		sim_wake_all(&s->h.wq);
	sim_point();
}

void down_write(struct rw_semaphore *s)
{
	int id = sim_current()->id;

	might_sleep();
	sim_point();
	check_order(&s->h);
	if (s->writer == id)
		sim_violation("deadlock", 0, "%s takes %s twice",
			      sim_current()->name, s->h.name);
	while (s->writer >= 0 || s->readers)
		sim_wait(&s->h.wq);
	s->writer = (int16_t)id;
	held_push(&s->h, false);
}

bool down_write_trylock(struct rw_semaphore *s)
{
	sim_point();
	if (s->writer >= 0 || s->readers)
		return false;
	s->writer = (int16_t)sim_current()->id;
	held_push(&s->h, false);
	return true;
}

void up_write(struct rw_semaphore *s)
{
	if (s->writer != sim_current()->id)
		sim_violation("lock-unheld", 0, "%s up_write %s held by t%d",
			      sim_current()->name, s->h.name, s->writer);
	held_pop(&s->h);
	s->writer = -1;
	sim_wake_all(&s->h.wq);
	sim_point();
}
