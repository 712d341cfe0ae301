// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command-line parsing.  Every value is checked (range, trailing junk,
 * overflow) and every unknown name gets the closest known one, because a
 * typo that silently becomes a default would make a run mean something
 * else than what was asked.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "eras/era.h"
#include "scenario/kinds.h"
#include "scenario/suggest.h"
#include "tools/lib/cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mmsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_suggest(const char *word, const char *const *names,
			char *buf, size_t len)
{
	struct scn_suggest sg;

	scn_suggest_init(&sg, word);
	scn_suggest_add_all(&sg, names);
	return scn_suggest_hint(&sg, buf, len);
}

const char *const *bug_names(void)
{
	static const char *names[NR_BUG_SWITCHES + 1];

	for (int i = 0; i < NR_BUG_SWITCHES; i++)
		names[i] = bug_table[i].name;
	return names;
}

int cli_parse_u64(const char *flag, const char *s, uint64_t min,
		  uint64_t max, uint64_t *out)
{
	char *end;
	uint64_t v;

	errno = 0;
	if (!*s || *s == '-' || *s == '+' || *s == ' ') {
		cli_error("%s: '%s' is not a number", flag, s);
		return EXIT_USAGE;
	}
	v = strtoull(s, &end, 0);
	if (*end) {
		cli_error("%s: '%s' is not a number", flag, s);
		return EXIT_USAGE;
	}
	if (errno == ERANGE || v < min || v > max) {
		cli_error("%s: %s is out of range (%" PRIu64 "-%" PRIu64 ")",
			  flag, s, min, max);
		return EXIT_USAGE;
	}
	*out = v;
	return 0;
}

static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || s[0] == ' ') {
		cli_error("--time: '%s' is not a number of seconds", s);
		return EXIT_USAGE;
	}
	if (errno || !isfinite(v) || v <= 0 || v > 31536000) {
		cli_error("--time: %s is out of range (more than 0, at most "
			  "31536000 seconds)", s);
		return EXIT_USAGE;
	}
	*out = v;
	return 0;
}

/* Commands an option applies to, as a bit mask. */
#define C_RUN (1u << 0)
#define C_EXPLORE (1u << 1)
#define C_REPLAY (1u << 2)
#define C_SHOW (1u << 3)
#define C_TABLE (1u << 4)	/* no command: the seed table */
#define C_LIST (1u << 5)
#define C_ANYRUN (C_RUN | C_EXPLORE)

struct opt {
	const char *name;
	bool has_arg;
	unsigned int cmds;
};

static const struct opt opts[] = {
	{ "--era", true, C_ANYRUN | C_SHOW },
	{ "--bug", true, C_ANYRUN | C_SHOW },
	{ "--strategy", true, C_ANYRUN },
	{ "--depth", true, C_ANYRUN },
	{ "--preemptions", true, C_EXPLORE },
	{ "--runs", true, C_EXPLORE },
	{ "--time", true, C_EXPLORE | C_TABLE },
	{ "--seed", true, C_ANYRUN },
	{ "--jobs", true, C_EXPLORE | C_TABLE },
	{ "--all", false, C_EXPLORE },
	{ "--out", true, C_ANYRUN | C_REPLAY | C_TABLE },
	{ "--json", false, C_ANYRUN | C_REPLAY | C_LIST },
	{ "--trace", true, C_ANYRUN | C_REPLAY },
	{ "--quiet", false, C_ANYRUN | C_REPLAY | C_TABLE },
	{ "--dot", false, C_SHOW },
	{ "--max-steps", true, C_ANYRUN },
	{ "--no-shrink", false, C_EXPLORE },
	{ "--no-sleep-sets", false, C_EXPLORE },
	{ "--paranoid", false, C_ANYRUN },
	{ "--budget-runs", true, C_TABLE },	/* hidden (tests) */
};

static unsigned int cmd_bit(const char *cmd)
{
	static const char *const names[] = { "run", "explore", "replay",
					     "show", "", "list" };

	if (!cmd)
		return C_TABLE;
	for (unsigned int i = 0; i < 6; i++)
		if (!strcmp(cmd, names[i]))
			return 1u << i;
	return 0;
}

static const struct opt *find_opt(const char *arg, size_t len)
{
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strlen(opts[i].name) == len &&
		    !strncmp(opts[i].name, arg, len))
			return &opts[i];
	return NULL;
}

static int unknown_opt(const char *arg, size_t len)
{
	const char *names[sizeof(opts) / sizeof(opts[0]) + 3];
	char word[64], hint[96];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		names[n++] = opts[i].name;
	names[n++] = "--help";
	names[n++] = "--version";
	names[n] = NULL;
	snprintf(word, sizeof(word), "%.*s", (int)(len < 60 ? len : 60), arg);
	cli_error("unknown option '%s'%s", word,
		  cli_suggest(word, names, hint, sizeof(hint)));
	return EXIT_USAGE;
}

static int set_name(const char *flag, const char *v, struct cli_opts *o)
{
	char hint[96];

	if (!strcmp(flag, "--era")) {
		o->era = era_find(v);
		if (!o->era) {
			cli_error("unknown era '%s'%s", v,
				  cli_suggest(v, era_names(), hint,
					      sizeof(hint)));
			return EXIT_USAGE;
		}
	} else if (!strcmp(flag, "--bug")) {
		int b = bug_find(v);

		if (b < 0) {
			cli_error("unknown bug switch '%s'%s", v,
				  cli_suggest(v, bug_names(), hint,
					      sizeof(hint)));
			return EXIT_USAGE;
		}
		o->bugs |= 1ull << b;
	} else {
		static const char *const st[] = { "random", "pct", "dfs",
						  NULL };

		o->strategy = strategy_parse(v);
		o->seen_strategy = true;
		if (o->strategy < 0) {
			cli_error("unknown strategy '%s' (random, pct or "
				  "dfs)%s", v, cli_suggest(v, st, hint,
							   sizeof(hint)));
			return EXIT_USAGE;
		}
	}
	return 0;
}

static int set_num(const char *flag, const char *v, struct cli_opts *o)
{
	uint64_t x;
	int ret;

	if (!strcmp(flag, "--time")) {
		o->seen_time = true;
		return parse_seconds(v, &o->seconds);
	}
	if (!strcmp(flag, "--seed"))
		return cli_parse_u64(flag, v, 0, UINT64_MAX, &o->seed);
	if (!strcmp(flag, "--runs")) {
		o->seen_runs = true;
		return cli_parse_u64(flag, v, 1, 1000000000000ull, &o->runs);
	}
	if (!strcmp(flag, "--max-steps"))
		return cli_parse_u64(flag, v, 1, 10000000000ull,
				     &o->max_steps);
	if (!strcmp(flag, "--budget-runs"))
		return cli_parse_u64(flag, v, 1, 1000000000, &o->budget_runs);
	ret = cli_parse_u64(flag, v, !strcmp(flag, "--preemptions") ? 0 : 1,
			    64, &x);
	if (ret)
		return ret;
	if (!strcmp(flag, "--depth"))
		o->depth = (int)x;
	else if (!strcmp(flag, "--preemptions")) {
		o->preemptions = (int)x;
		o->seen_preemptions = true;
	}
	else
		o->jobs = (int)x;
	return 0;
}

static int set_opt(const struct opt *op, const char *v, struct cli_opts *o)
{
	const char *f = op->name;

	if (!strcmp(f, "--all"))
		o->all = true;
	else if (!strcmp(f, "--json"))
		o->json = true;
	else if (!strcmp(f, "--quiet"))
		o->quiet = true;
	else if (!strcmp(f, "--dot"))
		o->dot = true;
	else if (!strcmp(f, "--no-shrink"))
		o->no_shrink = true;
	else if (!strcmp(f, "--no-sleep-sets"))
		o->no_sleep_sets = true;
	else if (!strcmp(f, "--paranoid"))
		o->paranoid = true;
	else if (!strcmp(f, "--out"))
		o->out = v;
	else if (!strcmp(f, "--trace"))
		o->trace = v;
	else if (!strcmp(f, "--era") || !strcmp(f, "--bug") ||
		 !strcmp(f, "--strategy"))
		return set_name(f, v, o);
	else
		return set_num(f, v, o);
	return 0;
}

/* One "--opt", "--opt VALUE" or "--opt=VALUE" at argv[*i]. */
static int parse_opt(int argc, char **argv, int *i, struct cli_opts *o)
{
	const char *a = argv[*i], *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct opt *op = find_opt(a, len);
	const char *v = NULL;

	if (!op)
		return unknown_opt(a, len);
	if (!(op->cmds & cmd_bit(o->cmd))) {
		cli_error("option %s does not apply to %s", op->name,
			  o->cmd ? o->cmd : "the seed table");
		return EXIT_USAGE;
	}
	if (op->has_arg) {
		v = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!v) {
			cli_error("option %s needs a value", op->name);
			return EXIT_USAGE;
		}
	} else if (eq) {
		cli_error("option %s takes no value", op->name);
		return EXIT_USAGE;
	}
	return set_opt(op, v, o);
}

static void defaults(struct cli_opts *o)
{
	memset(o, 0, sizeof(*o));
	/*
	 * PCT by default: bugs that need a thread to stall for a long
	 * stretch (a window between a clear and a deferred flush) are found
	 * in hundreds of runs, where a uniform random walk needs millions.
	 */
	o->strategy = STRATEGY_PCT;
	o->depth = 3;
	o->preemptions = 2;
	o->jobs = 1;
	o->runs = 10000;
	o->max_steps = CLI_DEFAULT_MAX_STEPS;
}

/* Options that only one strategy reads: refused, not silently ignored. */
static int check_strategy_options(const struct cli_opts *o)
{
	if (o->strategy != STRATEGY_DFS && o->seen_preemptions) {
		cli_error("--preemptions applies to --strategy dfs");
		return EXIT_USAGE;
	}
	if (o->strategy != STRATEGY_DFS && o->no_sleep_sets) {
		cli_error("--no-sleep-sets applies to --strategy dfs");
		return EXIT_USAGE;
	}
	if (o->strategy == STRATEGY_DFS && o->jobs > 1) {
		cli_error("--jobs applies to random and pct: dfs runs in one "
			  "process");
		return EXIT_USAGE;
	}
	return 0;
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
	const char *cmd = o->cmd;
	int ret;

	defaults(o);
	o->cmd = cmd;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			ret = parse_opt(argc, argv, &i, o);
			if (ret)
				return ret;
		} else if (o->arg) {
			cli_error("unexpected argument '%s'", argv[i]);
			return EXIT_USAGE;
		} else {
			o->arg = argv[i];
		}
	}
	return check_strategy_options(o);
}
