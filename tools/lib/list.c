// SPDX-License-Identifier: GPL-2.0-only
/* mmsim list eras|bugs|scenarios|violations, as text or JSON. */
#include <string.h>

#include "eras/era.h"
#include "scenario/builtin.h"
#include "scenario/kinds.h"
#include "scenario/mms_files.h"
#include "tools/lib/cli.h"

/* One row: name and summary, in text columns or as a JSON object. */
static void row(const struct cli_opts *o, int i, const char *name,
		const char *extra, const char *summary)
{
	if (!o->json) {
		printf("%-28s %s%s%s\n", name, extra, extra[0] ? "  " : "",
		       summary);
		return;
	}
	printf("%s\n  {\"name\": ", i ? "," : "");
	json_string(stdout, name);
	printf(", \"detail\": ");
	json_string(stdout, extra);
	printf(", \"summary\": ");
	json_string(stdout, summary);
	printf("}");
}

static const char *scenario_summary(const char *name, char *buf, size_t len)
{
	const struct mms_file *f = mms_file_by_name(name);
	const struct builtin *b = builtin_find(name);
	const char *p;

	if (!f)
		return b ? b->summary : "";
	/* the .mms file's second comment line: "# name: what it is" */
	p = strchr(f->text, '\n');
	p = p && p[1] == '#' ? p + 2 : NULL;
	snprintf(buf, len, "%.*s", p ? (int)strcspn(p, "\n") : 0, p ? p : "");
	p = strstr(buf, ": ");
	if (p)
		memmove(buf, p + 2, strlen(p + 2) + 1);
	return buf;
}

int cmd_list(struct cli_opts *o)
{
	static const char *const what[] = { "eras", "bugs", "scenarios",
					    "violations", NULL };
	const char *w = o->arg ? o->arg : "";
	char hint[96], buf[200], extra[64];
	int n = 0;

	if (o->json)
		printf("[");
	if (!strcmp(w, "eras")) {
		for (int i = 0; i < nr_eras; i++)
			row(o, n++, all_eras[i]->name, all_eras[i]->kernel,
			    all_eras[i]->summary);
	} else if (!strcmp(w, "bugs")) {
		for (int i = 0; i < NR_BUG_SWITCHES; i++) {
			const struct bug_info *b = &bug_table[i];
			char text[1024];

			snprintf(extra, sizeof(extra), "fix %s (%d)", b->fix,
				 b->year);
			snprintf(text, sizeof(text),
				 "%s Eras: %s. Scenario: %s (expect %s).",
				 b->summary, b->eras, b->scenario, b->expect);
			row(o, n++, b->name, extra, text);
		}
	} else if (!strcmp(w, "scenarios")) {
		for (const char *const *s = builtin_names(); *s; s++)
			row(o, n++, *s, mms_file_by_name(*s) ? "mms" : "C",
			    scenario_summary(*s, buf, sizeof(buf)));
	} else if (!strcmp(w, "violations")) {
		for (int i = 0; i < nr_violation_kinds; i++)
			row(o, n++, violation_kinds[i].name, "",
			    violation_kinds[i].summary);
	} else {
		cli_error("list what? '%s' is not eras, bugs, scenarios or "
			  "violations%s", w, cli_suggest(w, what, hint,
							 sizeof(hint)));
		return EXIT_USAGE;
	}
	if (o->json)
		printf("\n]\n");
	return 0;
}
