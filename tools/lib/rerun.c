// SPDX-License-Identifier: GPL-2.0-only
/*
 * Re-running a violation with the event log kept: the explorer runs
 * without events (they cost), so a report replays the decision log once
 * more with run_options.keep_events.  The machine is left as the
 * violation found it, which is what the page-table path shows.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eras/era.h"
#include "explore/pct.h"
#include "explore/shrink.h"
#include "sim/strategy.h"
#include "tools/lib/cli.h"

int report_rerun(struct report *rep)
{
	struct run_options ro = {
		.era = rep->era,
		.bugs = rep->bugs,
		.max_steps = rep->max_steps ? rep->max_steps :
			     CLI_DEFAULT_MAX_STEPS,
		.keep_events = true,
		.paranoid = rep->paranoid,
	};
	struct run_result again;

	if (rep->r.violation.step > ro.max_steps)
		ro.max_steps = rep->r.violation.step;
	replay_run(rep->w, &ro, rep->decisions, rep->ndecisions, &again);
	if (again.outcome != rep->r.outcome ||
	    strcmp(again.violation.kind, rep->r.violation.kind) ||
	    strcmp(again.violation.msg, rep->r.violation.msg) ||
	    again.violation.step != rep->r.violation.step)
		return -1;
	return 0;
}

/* The hex number after @key in @msg ("va 0x40000000"). */
static bool find_hex(const char *msg, const char *key, uint64_t *v)
{
	const char *p = strstr(msg, key);
	char *end;

	if (!p)
		return false;
	*v = strtoull(p + strlen(key), &end, 16);
	return end != p + strlen(key);
}

/*
 * What the violation names.  struct sim_violation carries only text, so
 * the address, frame and mm are read back from the oracles' fixed
 * wording ("va 0x...", "pfn 0x...", "(mmN)").
 */
void report_focus(struct report *rep)
{
	const char *msg = rep->r.violation.msg, *p;

	rep->has_va = find_hex(msg, "va 0x", &rep->va);
	rep->has_pfn = find_hex(msg, "pfn 0x", &rep->pfn);
	rep->mm = -1;
	p = strstr(msg, "(mm");
	if (p && p[3] >= '0' && p[3] <= '9')
		rep->mm = atoi(p + 3);
}

/* Run schedule 0 of @strategy again with events kept (for a trace). */
int rerun_first(const struct world_spec *w, const struct run_options *o,
		int strategy, int depth, uint64_t seed)
{
	struct run_options ro = *o;
	struct sim_random rnd;
	struct run_result r;
	struct pct pct;

	ro.keep_events = true;
	if (strategy == STRATEGY_PCT) {
		/* the explorer's first estimate of the run length */
		pct_init(&pct, seed, depth, w->nthreads, 1000);
		return world_run(w, &ro, &pct.s, &r);
	}
	sim_random_init(&rnd, seed);
	return world_run(w, &ro, &rnd.s, &r);
}
