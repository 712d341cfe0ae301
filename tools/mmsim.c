// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mmsim command: dispatch to tools/lib/.  "mmsim" alone runs the
 * seed demonstration table.
 */
#include <stdio.h>
#include <string.h>

#include "tools/lib/cli.h"

struct command {
	const char *name;
	int (*fn)(struct cli_opts *o);
	bool needs_arg;
};

static const struct command commands[] = {
	{ "run", cmd_run, true },
	{ "explore", cmd_explore, false },
	{ "replay", cmd_replay, true },
	{ "show", cmd_show, true },
	{ "list", cmd_list, true },
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static bool has_flag(int argc, char **argv, const char *flag)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], flag))
			return true;
	return false;
}

static int unknown_command(const char *name)
{
	static const char *const names[] = { "run", "explore", "replay",
					     "show", "list", "help", NULL };
	char hint[96];

	cli_error("unknown command '%s'%s (mmsim --help)", name,
		  cli_suggest(name, names, hint, sizeof(hint)));
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct command *c = NULL;
	struct cli_opts o;
	int ret;

	if (has_flag(argc, argv, "--version")) {
		printf("mmsim %s\n", MMSIM_VERSION);
		return 0;
	}
	if (argc > 1 && argv[1][0] != '-') {
		if (!strcmp(argv[1], "help"))
			return cmd_help(argc > 2 ? argv[2] : NULL, stdout);
		c = find_command(argv[1]);
		if (!c)
			return unknown_command(argv[1]);
	}
	if (has_flag(argc, argv, "--help") || has_flag(argc, argv, "-h"))
		return cmd_help(c ? c->name : NULL, stdout);
	argv += c ? 1 : 0;
	argc -= c ? 1 : 0;
	memset(&o, 0, sizeof(o));
	o.cmd = c ? c->name : NULL;
	ret = cli_parse(argc, argv, &o);
	if (ret)
		return ret;
	if (c && c->needs_arg && !o.arg) {
		cli_error("%s needs an argument (mmsim %s --help)", c->name,
			  c->name);
		return EXIT_USAGE;
	}
	return c ? c->fn(&o) : cmd_seedtable(&o);
}
