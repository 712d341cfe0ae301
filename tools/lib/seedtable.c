// SPDX-License-Identifier: GPL-2.0-only
/*
 * "mmsim" alone: the seed demonstration.  Every seed scenario (the
 * compiled-in .mms files of examples/seed/) under every era, each cell explored
 * with PCT then random walks for a fixed budget, every distinct
 * violation collected, reports written; one table; exit 0 exactly when
 * each verdict matches the scenario's expectation for that era.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "eras/era.h"
#include "scenario/bind.h"
#include "scenario/mms_files.h"
#include "tools/lib/cli.h"

#define TABLE_RUNS 2000		/* per strategy and cell */
#define TABLE_DIR "mmsim-reports"

struct cell {
	char verdict[96];	/* the kinds found, in order, or "" */
	int nviol;
	uint64_t schedules;
	double first;		/* seconds to the first violation, or -1 */
};

#define MAX_SAVED 128
static char saved[MAX_SAVED][512];
static int nsaved;

/* Does what @c found match @expect (NULL: nothing stated)? */
static bool matches(const char *expect, const struct cell *c)
{
	if (!expect)
		return true;
	if (!expect[0])
		return c->nviol == 0;
	if (!strcmp(expect, WORLD_EXPECT_ANY))
		return c->nviol > 0;
	for (const char *p = c->verdict; (p = strstr(p, expect)); p++)
		if ((p == c->verdict || p[-1] == ' ') &&
		    (!p[strlen(expect)] || p[strlen(expect)] == ','))
			return true;
	return false;
}

static void add_verdict(struct cell *c, const struct explore_result *r)
{
	for (int i = 0; i < r->nviol; i++) {
		const char *k = r->viol[i].r.violation.kind;
		size_t n = strlen(c->verdict);
		struct cell one = { .nviol = 1 };

		snprintf(one.verdict, sizeof(one.verdict), "%s", c->verdict);
		c->nviol++;
		if (matches(k, &one))
			continue;
		snprintf(c->verdict + n, sizeof(c->verdict) - n, "%s%s",
			 n ? ", " : "", k);
	}
}

static void save_reports(const struct cli_opts *o, struct report *rep,
			 const struct explore_result *r, int strategy)
{
	for (int i = 0; i < r->nviol && nsaved < MAX_SAVED; i++) {
		const struct found_violation *v = &r->viol[i];

		rep->strategy = strategy;
		rep->seed = v->seed;
		rep->run = v->run;
		rep->max_steps = o->max_steps;
		rep->r = v->r;
		rep->decisions = v->decisions;
		rep->ndecisions = v->ndecisions;
		if (report_rerun(rep))
			continue;
		report_focus(rep);
		if (!report_save(o->out ? o->out : TABLE_DIR, rep, nsaved,
				 saved[nsaved], sizeof(saved[0])))
			nsaved++;
	}
}

static void explore_cell(const struct cli_opts *o, struct report *rep,
			 struct cell *c)
{
	static const int strategies[] = { STRATEGY_PCT, STRATEGY_RANDOM };
	uint64_t runs = o->budget_runs ? o->budget_runs : TABLE_RUNS;
	double t = 0;

	memset(c, 0, sizeof(*c));
	c->first = -1;
	for (int s = 0; s < 2; s++) {
		struct explore_options eo = {
			.run = { .era = rep->era, .max_steps = o->max_steps },
			.strategy = strategies[s], .depth = 3, .runs = runs,
			.all = true, .jobs = o->jobs,
		};
		struct explore_result r;

		if (explore(rep->w, &eo, &r))
			continue;
		c->schedules += r.runs;
		if (r.nviol && c->first < 0)
			c->first = t + r.viol[0].seconds;
		t += r.seconds;
		add_verdict(c, &r);
		save_reports(o, rep, &r, strategies[s]);
		explore_result_free(&r);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One row; returns whether it matched its expectation. */
static bool print_row(const struct cli_opts *o, const struct report *rep,
		      const struct cell *c)
{
	const char *exp = world_expected(rep->w, rep->era->name);
	bool ok = matches(exp, c);
	char verdict[128], first[32] = "-", e[48];

	if (c->nviol)
		snprintf(verdict, sizeof(verdict), "%s", c->verdict);
	else
		snprintf(verdict, sizeof(verdict), "none in %" PRIu64,
			 c->schedules);
	if (c->first >= 0 && !o->quiet)
		snprintf(first, sizeof(first), "%.3f s", c->first);
	snprintf(e, sizeof(e), "%s", !exp ? "(finding)" : !exp[0] ? "none" :
		 !strcmp(exp, WORLD_EXPECT_ANY) ? "any violation" : exp);
	printf("%-24s %-10s %-30s %9" PRIu64 " %10s  %-16s %s\n",
	       rep->w->name, rep->era->name, verdict, c->schedules, first, e,
	       ok ? "ok" : "MISMATCH");
	return ok;
}

static int table_row(const struct cli_opts *o, const struct mms_file *f,
		     const struct era *era, bool *all_ok)
{
	struct scn_ref ref = { .builtin = true };
	struct report rep = { .ref = &ref, .era = era, .mm = -1 };
	struct world_spec w;
	struct cell c;

	snprintf(ref.name, sizeof(ref.name), "%.*s",
		 (int)(strlen(f->path) - 9), f->path + 5);
	if (scn_load_mms_file(f, era, &w, stderr))
		return EXIT_USAGE;
	snprintf(ref.scenario, sizeof(ref.scenario), "%s", w.name);
	rep.w = &w;
	explore_cell(o, &rep, &c);
	*all_ok &= print_row(o, &rep, &c);
	fflush(stdout);
	world_spec_free(&w);
	return 0;
}

int cmd_seedtable(struct cli_opts *o)
{
	uint64_t runs = o->budget_runs ? o->budget_runs : TABLE_RUNS;
	double t0 = now();
	bool all_ok = true;

	if (o->jobs < 2 && !o->budget_runs)
		o->jobs = 2;
	printf("mmsim %s: the seed demonstration.  Budget per cell: PCT "
	       "depth 3 x %" PRIu64 " runs + random x %" PRIu64 " runs, "
	       "%d job%s\n\n", MMSIM_VERSION, runs, runs, o->jobs,
	       o->jobs > 1 ? "s" : "");
	printf("%-24s %-10s %-30s %9s %10s  %-16s %s\n", "scenario", "era",
	       "verdict", "schedules", "first", "expected", "");
	for (int i = 0; i < nr_mms_files; i++) {
		if (strncmp(mms_files[i].path, "seed/", 5))
			continue;
		for (int e = 0; e < nr_eras; e++)
			if (table_row(o, &mms_files[i], all_eras[e], &all_ok))
				return EXIT_USAGE;
	}
	if (!o->quiet)
		printf("\n%.1f s in all.", now() - t0);
	printf("\n%d report%s written", nsaved, nsaved == 1 ? "" : "s");
	printf(nsaved ? ":\n" : ".\n");
	for (int i = 0; i < nsaved; i++)
		printf("  %s\n", saved[i]);
	printf("%s\n", all_ok ? "Every verdict matches its expectation." :
	       "Some verdicts do not match their expectation (MISMATCH).");
	return all_ok ? EXIT_CLEAN : EXIT_VIOLATION;
}
