// SPDX-License-Identifier: GPL-2.0-only
/*
 * Protocol oracles checked when a run ends: what the notifier calls and
 * the kernel state must look like once every thread is done.
 */
#include "check/check.h"
#include "mm/machine.h"
#include "sim/sim.h"

/*
 * I2 (balance): every invalidate_range_start that succeeded was followed
 * by exactly one end.  A bracket still open when all threads are done
 * was never closed.
 */
static void check_notifier_balance(void)
{
	for (int i = 0; i < mach.nr_mms; i++) {
		struct mm_struct *mm = mach.mms[i];

		if (check_open_brackets(mm->id))
			sim_record_violation(
				"notifier-unbalanced", (uint64_t)mm->id,
				"mm%d (%s) ends the run with %d "
				"invalidate_range_start without a matching end "
				"(I2)",
				mm->id, mm->name, check_open_brackets(mm->id));
	}
}

void check_end_of_run(void)
{
	check_notifier_balance();
	check_dirty_end_of_run();
}
