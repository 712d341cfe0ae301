/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sleepable RCU read sections, modelled on the kernel's two-counter SRCU:
 * readers join the current epoch (index 0 or 1) and count themselves in
 * it; synchronize_srcu() flips the epoch so that new readers count in the
 * other one, then waits until the old epoch's count drains to zero.  So it
 * waits for every reader that began before it and for none that began
 * after.  The kernel flips twice because its reader reads the index and
 * increments the counter in two steps; here srcu_read_lock() does both in
 * one step between scheduling points, so one flip is enough.  Grace
 * periods run one at a time, as the kernel's srcu_gp_mutex ensures.
 *
 * Lockdep: a read section is a held lock of its class (locks taken inside
 * record "srcu before lock"), and synchronize_srcu() is checked like an
 * acquire of the class, so "synchronize_srcu() while holding L" against
 * "L taken inside a read section" is a "lock-order" violation, as lockdep
 * reports it.  Read sections never block each other, so taking the read
 * side records no order.
 */
#ifndef MMSIM_SIM_SRCU_H
#define MMSIM_SIM_SRCU_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/lock.h"

struct srcu_struct {
	struct lock_head h;	/* h.wq: synchronize_srcu() draining */
	struct sim_waitq gp_wq;	/* synchronize_srcu() waiting its turn */
	int idx;		/* the epoch new readers join */
	int readers[2];		/* readers inside, per epoch */
	bool gp_busy;		/* a grace period is in progress */
	uint64_t completed;	/* grace periods completed */
};

void init_srcu_struct(struct srcu_struct *ss, struct lock_class *c,
		      const char *name);
/* Returns the epoch to hand to srcu_read_unlock(). */
int srcu_read_lock(struct srcu_struct *ss);
void srcu_read_unlock(struct srcu_struct *ss, int idx);
/* Wait until every read section that began before this call has ended. */
void synchronize_srcu(struct srcu_struct *ss);

#endif /* MMSIM_SIM_SRCU_H */
