/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Modelled synchronisation built on the scheduler.  Every acquire and
 * release is a scheduling point.  A contended "spin" is modelled as a wait:
 * the spinner can make no progress until the holder releases, and the
 * waiting thread leaves the runnable set so that a schedule never wastes
 * steps spinning.
 *
 * Each lock belongs to a class (struct lock_class); the order in which
 * classes nest is checked as lockdep does: the first time class B is taken
 * while A is held, A -> B is recorded, and taking A while holding B later
 * is a "lock-order" violation naming both acquisitions.
 */
#ifndef MMSIM_SIM_LOCK_H
#define MMSIM_SIM_LOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/footprint.h"
#include "sim/sim.h"

#define LOCK_MAX_CLASSES 64
#define LOCK_MAX_HELD 16

/* One per kind of lock (all PTLs share a class, as in lockdep). */
struct lock_class {
	const char *name;
	int id;			/* 0: not registered yet */
};

struct lock_head {
	struct sim_waitq wq;
	struct lock_class *class;
	const char *name;	/* instance name, for reports */
};

struct spinlock {
	struct lock_head h;
	int16_t owner;		/* thread id, -1 when free */
};
typedef struct spinlock spinlock_t;

struct mutex {
	struct lock_head h;
	int16_t owner;
};

/*
 * A waiting writer holds off new readers, as the kernel's rwsem does, so a
 * stream of readers cannot starve a writer.  A consequence the model keeps
 * on purpose: a thread taking the read side twice deadlocks once a writer
 * queues between the two, so recursive down_read() is reported at once.
 */
struct rw_semaphore {
	struct lock_head h;
	int16_t writer;		/* thread id, -1 when no writer */
	int16_t readers;
	int16_t writers_waiting;
};

void spin_lock_init(spinlock_t *l, struct lock_class *c, const char *name);
void spin_lock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
static inline bool spin_is_locked(const spinlock_t *l)
{
	sim_touch(&l->h, false);
	return l->owner >= 0;
}

void mutex_init(struct mutex *m, struct lock_class *c, const char *name);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
static inline bool mutex_is_locked(const struct mutex *m)
{
	sim_touch(&m->h, false);
	return m->owner >= 0;
}

void init_rwsem(struct rw_semaphore *s, struct lock_class *c,
		const char *name);
void down_read(struct rw_semaphore *s);
bool down_read_trylock(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
bool down_write_trylock(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);

/*
 * Sleeping is forbidden while a spinlock is held: might_sleep() reports
 * "sleep-in-atomic" then.  Mutexes, rwsems and waits call it.
 */
void might_sleep(void);
/* Spinlocks the current thread holds (its "preempt count"). */
int lock_atomic_depth(void);
/*
 * Called when the current thread releases a spinlock and is left holding
 * none (it leaves atomic context): the oracles that judge what must be
 * done "before the PTL is released" set it while they have something to
 * judge, so unlocks pay one test otherwise.  It runs before the release's
 * scheduling point.  NULL when unused.
 */
extern void (*lock_atomic_exit_hook)(void);

/*
 * Modelled locks (of every kind, all threads) held right now: zero
 * means no simulated thread is inside any critical section.
 */
extern int lock_held_total;

/*
 * Forget all held-lock and order state.  Registered as a sim_reset() hook,
 * so every run starts clean; calling it directly is harmless.
 */
void lock_reset(void);

/*
 * Lockdep bookkeeping for primitives built outside this file (SRCU).
 * lockdep_check_order() checks taking @h against the locks held and
 * records the new order; lockdep_acquired() and lockdep_release() keep the
 * held-lock list (@atomic: forbids sleeping, like a spinlock);
 * lockdep_release() reports "lock-unheld" when @h is not held.
 */
void lockdep_init(struct lock_head *h, struct lock_class *c,
		  const char *name);
void lockdep_check_order(struct lock_head *h);
void lockdep_acquired(struct lock_head *h, bool atomic);
void lockdep_release(struct lock_head *h);
bool lockdep_is_held(const struct lock_head *h);
/* Touch (read) every lock thread @id holds: see sim/footprint.h. */
void lock_touch_held(int id);

#endif /* MMSIM_SIM_LOCK_H */
