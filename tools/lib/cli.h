/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmsim command's pieces (tools/lib/): option parsing, finding a
 * scenario, running and exploring, reports (text, JSON), traces, replay,
 * show, list and the seed table.  Exit statuses are the contract with
 * scripts: 0 no violation, 1 a violation, 2 bad usage or input, 3 an
 * internal error.
 */
#ifndef MMSIM_TOOLS_LIB_CLI_H
#define MMSIM_TOOLS_LIB_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "eras/bugs.h"
#include "explore/explore.h"
#include "scenario/world.h"

#define MMSIM_VERSION "0.1.0"

enum cli_exit {
	EXIT_CLEAN = 0,
	EXIT_VIOLATION = 1,
	EXIT_USAGE = 2,
	EXIT_INTERNAL = 3,
};

#define CLI_DEFAULT_MAX_STEPS 100000

/* Where a scenario came from, enough to load it again (replay). */
struct scn_ref {
	bool builtin;		/* by name; else a file path */
	char name[256];		/* built-in name, or the file path */
	char scenario[48];	/* the world's own name */
};

struct cli_opts {
	const char *cmd;
	const char *arg;		/* SCENARIO, REPORT or FILE */
	const struct era *era;		/* NULL: the scenario's */
	uint64_t bugs;
	int strategy, depth, preemptions, jobs;
	uint64_t runs, seed, max_steps;
	double seconds;
	bool all, json, quiet, dot, no_shrink, no_sleep_sets, paranoid;
	bool seen_runs, seen_time, seen_strategy, seen_preemptions;
	const char *out, *trace;
	const char *list_what;
	uint64_t budget_runs;		/* hidden: the seed table's budget */
};

/* args.c: 0, or EXIT_USAGE after printing why. */
int cli_parse(int argc, char **argv, struct cli_opts *o);
int cli_parse_u64(const char *flag, const char *s, uint64_t min,
		  uint64_t max, uint64_t *out);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "; did you mean 'x'?" against a NULL-terminated list, or "". */
const char *cli_suggest(const char *word, const char *const *names,
			char *buf, size_t len);
const char *const *bug_names(void);

/* source.c: resolve and load SCENARIO; 0 or EXIT_USAGE. */
int scn_ref_resolve(const char *arg, struct scn_ref *ref);
int scn_ref_load(struct scn_ref *ref, const struct era *era,
		 struct world_spec *w);
const char *const *builtin_names(void);

/* One violation, re-run with its event log: what every report needs. */
struct report {
	const struct scn_ref *ref;
	const struct world_spec *w;
	const struct era *era;
	uint64_t bugs;
	int strategy, depth;
	uint64_t seed, run;
	uint64_t max_steps;	/* 0: the default */
	bool paranoid;		/* invariants at every lock-free point */
	double seconds;		/* time to find; not in stable output */
	struct run_result r;
	const uint8_t *decisions;
	size_t ndecisions;
	/* the focus: what the violation names */
	uint64_t va, pfn;
	int mm;			/* -1: unknown */
	bool has_va, has_pfn;
};

/* rerun.c: replay @rep's decisions with events kept; 0 if identical. */
int report_rerun(struct report *rep);
void report_focus(struct report *rep);
int rerun_first(const struct world_spec *w, const struct run_options *o,
		int strategy, int depth, uint64_t seed);

/* report_text.c, report_json.c */
void report_text(FILE *f, const struct report *rep);
void report_json(FILE *f, const struct report *rep, int indent);
void json_string(FILE *f, const char *s);
/* trace.c: Chrome trace-event JSON of the current event log. */
int trace_write(const char *path, const struct world_spec *w);
/* ptpath.c: the page-table path of @va in @mm, one line per level. */
void pt_path_text(FILE *f, int proc, uint64_t va, const char *indent);

/* Commands. */
int cmd_run(struct cli_opts *o);
int cmd_explore(struct cli_opts *o);
int cmd_replay(struct cli_opts *o);
int cmd_show(struct cli_opts *o);
int cmd_list(struct cli_opts *o);
int cmd_seedtable(struct cli_opts *o);
int cmd_help(const char *cmd, FILE *f);

/* out.c: write a report's text and JSON under @dir; 0 or -1. */
int report_save(const char *dir, const struct report *rep, int index,
		char *path, size_t len);

#endif /* MMSIM_TOOLS_LIB_CLI_H */
