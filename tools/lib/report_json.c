// SPDX-License-Identifier: GPL-2.0-only
/*
 * The JSON report (docs/report-schema.md): the text report's content as
 * data, plus what "mmsim replay" needs to run it again: where the
 * scenario comes from, era, bugs, strategy, seed and the decision log as
 * hex.  No timings: the output is the same on every machine.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "scenario/kinds.h"
#include "tools/lib/cli.h"
#include "tools/lib/report_events.h"

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

struct jctx {
	FILE *f;
	int ind;
	bool first;
	const struct report *rep;
	uint64_t tables[REPORT_MAX_TABLES];
	int ntables;
};

static void key(struct jctx *j, const char *k)
{
	fprintf(j->f, "%s\n%*s\"%s\": ", j->first ? "" : ",", j->ind, "", k);
	j->first = false;
}

static void kstr(struct jctx *j, const char *k, const char *v)
{
	key(j, k);
	json_string(j->f, v);
}

static void ku64(struct jctx *j, const char *k, uint64_t v)
{
	key(j, k);
	fprintf(j->f, "%" PRIu64, v);
}

static void khex(struct jctx *j, const char *k, uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "%#" PRIx64, v);
	kstr(j, k, b);
}

static void open_obj(struct jctx *j, const char *k)
{
	key(j, k);
	fputc('{', j->f);
	j->ind += 2;
	j->first = true;
}

static void close_obj(struct jctx *j, char c)
{
	j->ind -= 2;
	fprintf(j->f, "\n%*s%c", j->ind, "", c);
	j->first = false;
}

static void scenario_and_run(struct jctx *j)
{
	const struct report *rep = j->rep;

	ku64(j, "mmsim_report", 1);
	open_obj(j, "scenario");
	kstr(j, "name", rep->w->name);
	kstr(j, "source", rep->ref->builtin ? "builtin" : "file");
	kstr(j, "ref", rep->ref->name);
	close_obj(j, '}');
	kstr(j, "era", rep->era->name);
	key(j, "bugs");
	fputc('[', j->f);
	for (int i = 0, n = 0; i < NR_BUG_SWITCHES; i++)
		if (rep->bugs & (1ull << i)) {
			fputs(n++ ? ", " : "", j->f);
			json_string(j->f, bug_table[i].name);
		}
	fputc(']', j->f);
	kstr(j, "strategy", strategy_name(rep->strategy));
	ku64(j, "depth", (uint64_t)rep->depth);
	ku64(j, "seed", rep->seed);
	ku64(j, "run", rep->run);
	ku64(j, "max_steps", rep->max_steps ? rep->max_steps :
	     CLI_DEFAULT_MAX_STEPS);
}

static void violation(struct jctx *j)
{
	const struct sim_violation *v = &j->rep->r.violation;
	const struct world_spec *w = j->rep->w;

	open_obj(j, "violation");
	kstr(j, "kind", v->kind);
	kstr(j, "msg", v->msg);
	ku64(j, "step", v->step);
	key(j, "thread");
	fprintf(j->f, "%d", v->thread);
	kstr(j, "thread_name", v->thread >= 0 && v->thread < w->nthreads &&
		!j->rep->r.in_setup ? w->threads[v->thread].name : "");
	key(j, "in_setup");
	fputs(j->rep->r.in_setup ? "true" : "false", j->f);
	ku64(j, "site", v->site);
	for (int i = 0; i < nr_violation_kinds; i++)
		if (!strcmp(violation_kinds[i].name, v->kind))
			kstr(j, "clause", violation_kinds[i].summary);
	close_obj(j, '}');
}

static void agents(struct jctx *j)
{
	static const char *const kinds[] = { "cpu", "kernel", "device" };
	const struct world_spec *w = j->rep->w;

	key(j, "agents");
	fputc('[', j->f);
	for (int i = 0; i < w->nthreads; i++) {
		const struct world_thread *t = &w->threads[i];

		fprintf(j->f, "%s\n%*s{ \"id\": %d, \"name\": ", i ? "," : "",
			j->ind + 2, "", i);
		json_string(j->f, t->name);
		fprintf(j->f, ", \"kind\": \"%s\", \"cpu\": %d, \"process\": ",
			kinds[t->kind], t->cpu);
		json_string(j->f, w->procs[t->proc].name);
		fputs(", \"mmu\": ", j->f);
		if (t->mmu >= 0)
			json_string(j->f, w->mmus[t->mmu].name);
		else
			fputs("null", j->f);
		fputs(" }", j->f);
	}
	fprintf(j->f, "\n%*s]", j->ind, "");
}

static void event(const struct sim_event *e, void *arg)
{
	struct jctx *j = arg;
	const struct sim_event_kind *k = sim_event_kind_get(e->kind);
	char text[200];

	if (!report_event_relevant(j->rep, e, j->tables, j->ntables))
		return;
	report_event_text(e, text, sizeof(text));
	fprintf(j->f, "%s\n%*s{ \"step\": %" PRIu64 ", \"thread\": %d, "
		"\"kind\": ", j->first ? "" : ",", j->ind + 2, "", e->step,
		e->thread);
	j->first = false;
	json_string(j->f, k ? k->name : "?");
	fputs(", \"text\": ", j->f);
	json_string(j->f, text);
	fputs(" }", j->f);
}

static void events_and_path(struct jctx *j)
{
	const struct report *rep = j->rep;
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *m;

	open_obj(j, "focus");
	if (rep->has_va)
		khex(j, "va", rep->va);
	if (rep->has_pfn)
		khex(j, "pfn", rep->pfn);
	key(j, "mm");
	fprintf(j->f, "%d", rep->mm);
	close_obj(j, '}');
	report_tables(rep, j->tables, &j->ntables);
	key(j, "events");
	fputc('[', j->f);
	j->first = true;
	report_for_each_event(event, j);
	fprintf(j->f, "\n%*s]", j->ind, "");
	j->first = false;
	key(j, "page_table_path");
	fputc('[', j->f);
	m = open_memstream(&buf, &len);
	if (m && rep->has_va && rep->mm >= 0)
		pt_path_text(m, rep->mm, rep->va, "");
	if (m)
		fclose(m);
	for (int n = 0; buf && (line = strtok_r(n ? NULL : buf, "\n", &save));
	     n++) {
		fprintf(j->f, "%s\n%*s", n ? "," : "", j->ind + 2, "");
		json_string(j->f, line);
	}
	free(buf);
	fprintf(j->f, "\n%*s]", j->ind, "");
}

void report_json(FILE *f, const struct report *rep, int indent)
{
	struct jctx j = { .f = f, .ind = indent + 2, .first = true,
			  .rep = rep };

	fputc('{', f);
	scenario_and_run(&j);
	violation(&j);
	agents(&j);
	events_and_path(&j);
	key(&j, "decisions");
	fputc('"', f);
	for (size_t i = 0; i < rep->ndecisions; i++)
		fprintf(f, "%02x", rep->decisions[i]);
	fputc('"', f);
	fprintf(f, "\n%*s}", indent, "");
}
