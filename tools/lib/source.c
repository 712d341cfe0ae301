// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCENARIO on the command line: a file path, or a built-in name.  A path
 * that exists (or has a '/' or ".mms") is a file.  A name is looked up
 * among the compiled-in .mms files, in examples/seed/, examples/bugs/,
 * examples/ (mms_file_by_name), and only then among the C built-ins: a
 * .mms built-in shadows the C built-in of the same name.  The twins
 * (seed scenarios, bug scenarios) are checked to give the same verdicts
 * by tests/scenario/test_bind.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/bind.h"
#include "scenario/builtin.h"
#include "scenario/mms_files.h"
#include "tools/lib/cli.h"

/* Every built-in name once, in lookup order; NULL-terminated. */
const char *const *builtin_names(void)
{
	static const char *names[256];
	static char buf[64][64];
	int n = 0, k = 0;

	if (names[0])
		return names;
	for (int i = 0; i < nr_mms_files && k < 64; i++) {
		const char *p = mms_files[i].path, *e = strstr(p, ".mms");
		const char *base = p;

		for (int d = 0; mms_name_dirs[d][0]; d++)
			if (!strncmp(p, mms_name_dirs[d],
				     strlen(mms_name_dirs[d])))
				base = p + strlen(mms_name_dirs[d]);

		if (strchr(base, '/') || !e)
			continue;
		snprintf(buf[k], sizeof(buf[k]), "%.*s", (int)(e - base), base);
		if (mms_file_by_name(buf[k]) == &mms_files[i])
			names[n++] = buf[k];
		k++;
	}
	for (int i = 0; i < nr_builtins && n < 255; i++) {
		bool dup = false;

		for (int j = 0; j < n; j++)
			dup |= !strcmp(names[j], builtins[i].name);
		if (!dup)
			names[n++] = builtins[i].name;
	}
	return names;
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

int scn_ref_resolve(const char *arg, struct scn_ref *ref)
{
	char hint[96];

	memset(ref, 0, sizeof(*ref));
	if (strlen(arg) >= sizeof(ref->name)) {
		cli_error("scenario name too long: '%.40s...'", arg);
		return EXIT_USAGE;
	}
	snprintf(ref->name, sizeof(ref->name), "%s", arg);
	if (is_file(arg) || strchr(arg, '/') || strstr(arg, ".mms"))
		return 0;
	if (mms_file_by_name(arg) || builtin_find(arg)) {
		ref->builtin = true;
		return 0;
	}
	cli_error("unknown scenario '%s': not a file nor a built-in%s", arg,
		  cli_suggest(arg, builtin_names(), hint, sizeof(hint)));
	return EXIT_USAGE;
}

int scn_ref_load(struct scn_ref *ref, const struct era *era,
		 struct world_spec *w)
{
	const struct mms_file *f;
	const struct builtin *b;

	if (!ref->builtin) {
		if (scn_load_file(ref->name, era, w, stderr))
			return EXIT_USAGE;
	} else if ((f = mms_file_by_name(ref->name))) {
		if (scn_load_mms_file(f, era, w, stderr))
			return EXIT_USAGE;
	} else if ((b = builtin_find(ref->name))) {
		if (b->build(w))
			return EXIT_INTERNAL;
	} else {
		return EXIT_USAGE;
	}
	snprintf(ref->scenario, sizeof(ref->scenario), "%s", w->name);
	return 0;
}
