// SPDX-License-Identifier: GPL-2.0-only
/*
 * SRCU read sections and grace periods (see sim/srcu.h).
 */
#include "sim/footprint.h"
#include "sim/srcu.h"

void init_srcu_struct(struct srcu_struct *ss, struct lock_class *c,
		      const char *name)
{
	lockdep_init(&ss->h, c, name);
	ss->gp_wq.waiters = 0;
	ss->gp_wq.what = name;
	ss->idx = 0;
	ss->readers[0] = 0;
	ss->readers[1] = 0;
	ss->gp_busy = false;
	ss->completed = 0;
}

int srcu_read_lock(struct srcu_struct *ss)
{
	int idx;

	sim_point();
	sim_touch(&ss->h, true);
	idx = ss->idx;
	ss->readers[idx]++;
	lockdep_acquired(&ss->h, false);
	return idx;
}

void srcu_read_unlock(struct srcu_struct *ss, int idx)
{
	if (idx < 0 || idx > 1 || ss->readers[idx] <= 0)
		sim_violation("lock-unheld", 0,
			      "%s srcu_read_unlock(%s, %d) without a reader",
			      sim_current()->name, ss->h.name, idx);
	sim_touch(&ss->h, true);
	lockdep_release(&ss->h);
	/* The last reader of an epoch lets its grace period end. */
	if (!--ss->readers[idx])
		sim_wake_all(&ss->h.wq);
	sim_point();
}

void synchronize_srcu(struct srcu_struct *ss)
{
	int old;

	might_sleep();
	sim_point();
	sim_touch(&ss->h, true);
	if (lockdep_is_held(&ss->h))
		sim_violation("deadlock", 0,
			      "%s calls synchronize_srcu(%s) while reading",
			      sim_current()->name, ss->h.name);
	lockdep_check_order(&ss->h);
	while (ss->gp_busy)
		sim_wait(&ss->gp_wq);
	sim_touch(&ss->h, true);
	ss->gp_busy = true;
	old = ss->idx;
	ss->idx = !old;
	/* Readers may join the new epoch before we look at the old one. */
	sim_point();
	sim_touch(&ss->h, true);
	while (ss->readers[old])
		sim_wait(&ss->h.wq);
	sim_touch(&ss->h, true);
	ss->gp_busy = false;
	ss->completed++;
	sim_wake_all(&ss->gp_wq);
	sim_point();
}
