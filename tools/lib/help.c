// SPDX-License-Identifier: GPL-2.0-only
/* mmsim --help and mmsim CMD --help. */
#include <string.h>

#include "tools/lib/cli.h"

static const char usage[] =
"usage: mmsim [--budget-runs N] [--jobs N] [--out DIR]   the seed table\n"
"       mmsim run SCENARIO [options]       one schedule\n"
"       mmsim explore [SCENARIO] [options] many schedules\n"
"       mmsim replay REPORT.json           re-run a reported violation\n"
"       mmsim show SCENARIO [--dot]        the machine after setup\n"
"       mmsim list eras|bugs|scenarios|violations\n"
"       mmsim CMD --help | --help | --version\n"
"\n"
"SCENARIO is a .mms file or a built-in name (mmsim list scenarios).\n"
"Exit status: 0 no violation, 1 violation found, 2 usage or input error,\n"
"3 internal error.  See mmsim(1).\n";

static const char run_opts[] =
"  --era NAME         kernel era (mmsim list eras); default: the scenario's\n"
"  --bug NAME         re-introduce a historical bug (repeatable)\n"
"  --strategy S       random | pct%s (default pct)\n"
"  --depth D          PCT bug depth (1-64, default 3)\n"
"  --seed N           first seed (default 0)\n"
"  --max-steps N      step budget of one run (default 100000)\n"
"  --json             print the result as JSON (docs/report-schema.md)\n"
"  --out DIR          write each violation's report (.txt, .json) in DIR\n"
"  --trace FILE       write a Perfetto/Chrome trace of the reported run\n"
"  --quiet            one line per violation, nothing timed\n"
"  --paranoid         check mm invariants at every lock-free point (slow)\n";

static const char explore_opts[] =
"  --runs N           schedules to try (default 10000)\n"
"  --time SECONDS     time budget (alone: no run budget)\n"
"  --preemptions P    DFS preemption bound (0-64, default 2)\n"
"  --no-sleep-sets    DFS without sleep-set reduction (every schedule)\n"
"  --jobs N           worker processes (random, pct; 1-64)\n"
"  --all              report every distinct violation, not the first\n"
"  --no-shrink        keep found schedules as they are\n"
"  With --bug NAME and no SCENARIO: the switch's own scenario, in the\n"
"  first era it applies to.\n";

static const char *const cmd_help_text[][2] = {
	{ "replay", "usage: mmsim replay REPORT.json [--json] [--quiet] "
	  "[--trace FILE] [--out DIR]\n  Re-runs the schedule a JSON report "
	  "recorded; exits 1 when it gives the\n  same violation (kind, "
	  "message, step), 3 when it does not.\n" },
	{ "show", "usage: mmsim show SCENARIO [--era NAME] [--bug NAME] "
	  "[--dot]\n  The machine after setup: page tables per process "
	  "(shared tables\n  marked), TLB contents, secondary MMUs.  --dot: "
	  "Graphviz.\n" },
	{ "list", "usage: mmsim list eras|bugs|scenarios|violations "
	  "[--json]\n" },
};

int cmd_help(const char *cmd, FILE *f)
{
	if (!cmd) {
		fputs(usage, f);
		return 0;
	}
	if (!strcmp(cmd, "run") || !strcmp(cmd, "explore")) {
		fprintf(f, "usage: mmsim %s %s [options]\n", cmd,
			strcmp(cmd, "run") ? "[SCENARIO]" : "SCENARIO");
		fprintf(f, run_opts, strcmp(cmd, "run") ? " | dfs" : "");
		if (strcmp(cmd, "run"))
			fputs(explore_opts, f);
		return 0;
	}
	for (size_t i = 0; i < sizeof(cmd_help_text) / sizeof(*cmd_help_text);
	     i++)
		if (!strcmp(cmd, cmd_help_text[i][0])) {
			fputs(cmd_help_text[i][1], f);
			return 0;
		}
	fputs(usage, f);
	return 0;
}
