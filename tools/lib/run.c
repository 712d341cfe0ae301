// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim run / mmsim explore: load the scenario, explore (run is one
 * schedule: an exploration of one run), then report each violation from
 * a re-run that keeps the event log.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eras/era.h"
#include "tools/lib/cli.h"

static void progress(uint64_t runs, uint64_t nviol, double seconds)
{
	if (seconds < 1)
		return;
	fprintf(stderr, "\r%" PRIu64 " runs, %.0f schedules/s, %" PRIu64
		" violations, %.1f s   ", runs, runs / seconds, nviol, seconds);
}

/* "mmsim explore --bug NAME": the switch's own scenario and era. */
static int bug_default_scenario(struct cli_opts *o, const char **arg)
{
	int b = -1, n = 0;

	for (int i = 0; i < NR_BUG_SWITCHES; i++)
		if (o->bugs & (1ull << i)) {
			b = i;
			n++;
		}
	if (n != 1) {
		cli_error("%s needs a SCENARIO (a file or a built-in name; "
			  "see 'mmsim list scenarios')", o->cmd);
		return EXIT_USAGE;
	}
	*arg = bug_table[b].scenario;
	if (!o->era)
		o->era = bug_first_era(&bug_table[b]);
	return 0;
}

static int load(struct cli_opts *o, struct scn_ref *ref,
		struct world_spec *w)
{
	const char *arg = o->arg;
	int ret;

	if (!arg && (ret = bug_default_scenario(o, &arg)))
		return ret;
	ret = scn_ref_resolve(arg, ref);
	if (ret)
		return ret;
	return scn_ref_load(ref, o->era, w);
}

static void fill_report(struct report *rep, const struct cli_opts *o,
			const struct found_violation *v)
{
	rep->bugs = o->bugs;
	rep->strategy = o->strategy;
	rep->depth = o->depth;
	rep->seed = v->seed;
	rep->run = v->run;
	rep->max_steps = o->max_steps;
	rep->paranoid = o->paranoid;
	rep->seconds = v->seconds;
	rep->r = v->r;
	rep->decisions = v->decisions;
	rep->ndecisions = v->ndecisions;
}

/*
 * "no violation within 2 preemptions: N schedules, complete": complete
 * means every schedule in the bound ran, or was cut by a sleep set as a
 * reordering of independent steps of one that ran.
 */
static void print_dfs_none(const struct cli_opts *o, const struct report *rep,
			   const struct explore_result *res)
{
	printf("%s under %s: no violation within %d preemption%s: %" PRIu64
	       " schedules, %s", rep->w->name, rep->era->name,
	       o->preemptions, o->preemptions == 1 ? "" : "s", res->runs,
	       res->complete ? "complete" :
			       "not complete (the budget ran out)");
	if (res->pruned)
		printf("; sleep sets cut %" PRIu64 " more", res->pruned);
	printf("\n");
}

static void print_summary(const struct cli_opts *o, const struct report *rep,
			  const struct explore_result *res)
{
	if (o->json)
		return;
	/*
	 * What PCT promises (Burckhardt et al., ASPLOS 2010): each run hits
	 * a given bug of depth d with probability >= 1/(n k^(d-1)).
	 */
	if (o->strategy == STRATEGY_PCT && res->pct_bound > 0 && !o->quiet)
		printf("pct depth %d, %d threads, k = %" PRIu64
		       " steps (one run's length): each run finds a depth-%d "
		       "bug with probability >= %.3g\n",
		       o->depth, rep->w->nthreads, res->pct_steps, o->depth,
		       res->pct_bound);
	if (!res->nviol && o->strategy == STRATEGY_DFS) {
		print_dfs_none(o, rep, res);
		return;
	}
	if (!res->nviol) {
		printf("%s under %s: no violation in %" PRIu64 " schedules\n",
		       rep->w->name, rep->era->name, res->runs);
		return;
	}
	printf("%s under %s: %d violation%s in %" PRIu64 " schedules\n",
	       rep->w->name, rep->era->name, res->nviol,
	       res->nviol > 1 ? "s" : "", res->runs);
	if (!o->quiet)
		printf("first found after %.3f s (run %" PRIu64 ")\n",
		       res->viol[0].seconds, res->viol[0].run);
}

/* Report violation @i: re-run it, print, save. */
static int report_one(const struct cli_opts *o, struct report *rep,
		      const struct found_violation *v, int i)
{
	char path[512];

	fill_report(rep, o, v);
	if (report_rerun(rep)) {
		cli_error("internal error: the violation did not reproduce "
			  "with the event log kept");
		return EXIT_INTERNAL;
	}
	report_focus(rep);
	if (o->json)
		report_json(stdout, rep, 4);
	else if (!o->quiet)
		report_text(stdout, rep);
	else
		printf("%s: %s\n", rep->r.violation.kind, rep->r.violation.msg);
	if (o->out) {
		if (report_save(o->out, rep, i, path, sizeof(path)))
			return EXIT_USAGE;
		if (!o->json)
			printf("report: %s\n", path);
	}
	if (o->trace && i == 0 && trace_write(o->trace, rep->w))
		return EXIT_USAGE;
	return 0;
}

static int report_all(const struct cli_opts *o, struct report *rep,
		      const struct explore_result *res)
{
	int n = o->all ? res->nviol : res->nviol ? 1 : 0;

	if (o->json)
		printf("{\n  \"command\": \"%s\",\n  \"scenario\": ", o->cmd);
	if (o->json) {
		json_string(stdout, rep->w->name);
		printf(",\n  \"era\": \"%s\",\n  \"strategy\": \"%s\",\n"
		       "  \"schedules\": %" PRIu64 ",\n  \"complete\": %s,\n"
		       "  \"cut_by_sleep_sets\": %" PRIu64 ",\n"
		       "  \"violations\": [", rep->era->name,
		       strategy_name(o->strategy), res->runs,
		       res->complete ? "true" : "false", res->pruned);
	}
	for (int i = 0; i < n; i++) {
		int ret;

		if (o->json)
			printf(i ? ",\n    " : "\n    ");
		ret = report_one(o, rep, &res->viol[i], i);
		if (ret)
			return ret;
	}
	if (o->json)
		printf("%s]\n}\n", n ? "\n  " : "");
	return 0;
}

static int explore_and_report(struct cli_opts *o, struct explore_options *eo)
{
	struct explore_result res;
	struct world_spec w;
	struct scn_ref ref;
	struct report rep = { .ref = &ref, .w = &w, .mm = -1 };
	int ret = load(o, &ref, &w);

	if (ret)
		return ret;
	rep.era = o->era ? o->era : w.mc.era ? w.mc.era : era_default();
	eo->run = (struct run_options){ .era = rep.era, .bugs = o->bugs,
					.max_steps = o->max_steps,
					.paranoid = o->paranoid };
	if (explore(&w, eo, &res)) {
		cli_error("internal error: exploration failed");
		world_spec_free(&w);
		return EXIT_INTERNAL;
	}
	if (eo->progress && res.seconds >= 1)
		fputs("\r\033[K", stderr);
	print_summary(o, &rep, &res);
	ret = res.crashed_workers ? EXIT_INTERNAL : report_all(o, &rep, &res);
	if (res.crashed_workers)
		cli_error("internal error: %s", res.crash_msg);
	if (!ret && !res.nviol && o->trace) {
		/* Nothing broke: trace the first schedule instead. */
		if (rerun_first(&w, &eo->run, o->strategy, o->depth, o->seed))
			ret = EXIT_INTERNAL;
		else if (trace_write(o->trace, &w))
			ret = EXIT_USAGE;
	}
	if (!ret)
		ret = res.nviol ? EXIT_VIOLATION : EXIT_CLEAN;
	explore_result_free(&res);
	world_spec_free(&w);
	return ret;
}

static struct explore_options explore_opts(const struct cli_opts *o)
{
	return (struct explore_options){
		.strategy = o->strategy,
		.depth = o->depth,
		.preemptions = o->preemptions,
		.no_sleep_sets = o->no_sleep_sets,
		.seed = o->seed,
		.runs = o->seen_time && !o->seen_runs ? 0 : o->runs,
		.seconds = o->seconds,
		.all = o->all,
		.shrink = !o->no_shrink,
		.jobs = o->jobs,
		.progress = isatty(2) && !o->quiet && !o->json ? progress :
								 NULL,
	};
}

int cmd_explore(struct cli_opts *o)
{
	struct explore_options eo = explore_opts(o);

	return explore_and_report(o, &eo);
}

int cmd_run(struct cli_opts *o)
{
	struct explore_options eo = explore_opts(o);

	if (o->strategy == STRATEGY_DFS) {
		cli_error("run takes one schedule: --strategy random or pct");
		return EXIT_USAGE;
	}
	eo.runs = 1;
	eo.seconds = 0;
	eo.jobs = 1;
	eo.shrink = false;
	eo.progress = NULL;
	return explore_and_report(o, &eo);
}
