// SPDX-License-Identifier: GPL-2.0-only
/*
 * Completions (see sim/completion.h).
 */
#include "sim/completion.h"
#include "sim/footprint.h"
#include "sim/lock.h"

void __init_completion(struct completion *x, const char *name)
{
	x->done = 0;
	x->wq.waiters = 0;
	x->wq.what = name;
}

void reinit_completion(struct completion *x)
{
	sim_point();
	sim_touch(x, true);
	x->done = 0;
}

void complete(struct completion *x)
{
	sim_point();
	sim_touch(x, true);
	if (x->done != COMPLETION_ALL)
		x->done++;
	sim_wake_one(&x->wq);
}

void complete_all(struct completion *x)
{
	sim_point();
	sim_touch(x, true);
	x->done = COMPLETION_ALL;
	sim_wake_all(&x->wq);
}

static void consume(struct completion *x)
{
	sim_touch(x, true);
	if (x->done != COMPLETION_ALL)
		x->done--;
}

void wait_for_completion(struct completion *x)
{
	might_sleep();
	sim_point();
	sim_touch(x, true);
	while (!x->done)
		sim_wait(&x->wq);
	consume(x);
}

bool try_wait_for_completion(struct completion *x)
{
	sim_point();
	sim_touch(x, true);
	if (!x->done)
		return false;
	consume(x);
	return true;
}
