// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text report of one violation: what broke and who, the events that
 * touched the address, frame or page tables involved (one column per
 * thread), a ruler of the mapping and the page-table path as the
 * violation left it.  Nothing in it depends on the host or the clock.
 */
#include <inttypes.h>
#include <string.h>

#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "scenario/kinds.h"
#include "tools/lib/cli.h"
#include "tools/lib/report_events.h"

#define COL 30

static const char *kind_summary(const char *kind)
{
	for (int i = 0; i < nr_violation_kinds; i++)
		if (!strcmp(violation_kinds[i].name, kind))
			return violation_kinds[i].summary;
	return "(not in the catalogue)";
}

static void print_bugs(FILE *f, uint64_t bugs)
{
	bool any = false;

	for (int i = 0; i < NR_BUG_SWITCHES; i++)
		if (bugs & (1ull << i)) {
			fprintf(f, "%s%s", any ? " " : "", bug_table[i].name);
			any = true;
		}
	fputs(any ? "\n" : "none\n", f);
}

static void print_header(FILE *f, const struct report *rep)
{
	const struct sim_violation *v = &rep->r.violation;
	const struct world_spec *w = rep->w;

	fprintf(f, "== violation: %s ==\n%s\n", v->kind, v->msg);
	fprintf(f, "  clause: %s\n\n", kind_summary(v->kind));
	fprintf(f, "scenario  %s (%s %s)\n", w->name,
		rep->ref->builtin ? "built-in" : "file", rep->ref->name);
	fprintf(f, "era       %s (%s)\nbugs      ", rep->era->name,
		rep->era->kernel);
	print_bugs(f, rep->bugs);
	fprintf(f, "schedule  %s", strategy_name(rep->strategy));
	if (rep->strategy == STRATEGY_PCT)
		fprintf(f, " depth %d", rep->depth);
	fprintf(f, ", seed %" PRIu64 ", run %" PRIu64 ", %zu decisions\n",
		rep->seed, rep->run, rep->ndecisions);
	fprintf(f, "found     at step %" PRIu64 " %s%s\n\n", v->step,
		rep->r.in_setup ? "in setup" : "in thread ",
		rep->r.in_setup || v->thread < 0 || v->thread >= w->nthreads ?
			"" : w->threads[v->thread].name);
}

static void print_agents(FILE *f, const struct world_spec *w)
{
	fputs("agents\n", f);
	for (int i = 0; i < w->nthreads; i++) {
		const struct world_thread *t = &w->threads[i];

		fprintf(f, "  t%-2d %-24s ", i, t->name);
		if (t->kind == THREAD_DEVICE)
			fprintf(f, "device %s (%s) on process %s\n",
				w->mmus[t->mmu].name,
				dev_mmu_kind_name(w->mmus[t->mmu].kind),
				w->procs[t->proc].name);
		else if (t->kind == THREAD_KERNEL)
			fprintf(f, "kernel thread on cpu %d\n", t->cpu);
		else
			fprintf(f, "cpu %d, process %s (mm%d)\n", t->cpu,
				w->procs[t->proc].name, t->proc);
	}
	fputc('\n', f);
}

struct ev_table {
	FILE *f;
	const struct report *rep;
	uint64_t tables[REPORT_MAX_TABLES];
	int ntables, ncols;
	uint64_t shown, total;
};

static void print_event_row(const struct sim_event *e, void *arg)
{
	struct ev_table *t = arg;
	char text[160];

	t->total++;
	if (!report_event_relevant(t->rep, e, t->tables, t->ntables))
		return;
	t->shown++;
	report_event_text(e, text, sizeof(text));
	fprintf(t->f, "  %6" PRIu64 " ", e->step);
	for (int c = 0; c < t->ncols; c++)
		fprintf(t->f, "| %-*.*s", COL, COL,
			c == e->thread ? text : "");
	if (e->thread < 0 || e->thread >= t->ncols)
		fprintf(t->f, "| %s", text);
	fputc('\n', t->f);
}

static void print_events(FILE *f, const struct report *rep)
{
	struct ev_table t = { .f = f, .rep = rep,
			      .ncols = rep->w->nthreads };

	report_tables(rep, t.tables, &t.ntables);
	fputs("events on", f);
	if (rep->has_va)
		fprintf(f, " va %#" PRIx64, rep->va);
	if (rep->has_pfn)
		fprintf(f, " pfn %#" PRIx64, rep->pfn);
	fputs(" and the page tables of that address\n    step ", f);
	for (int c = 0; c < t.ncols; c++)
		fprintf(f, "| %-*.*s", COL, COL, rep->w->threads[c].name);
	fputc('\n', f);
	report_for_each_event(print_event_row, &t);
	fprintf(f, "  (%" PRIu64 " of %" PRIu64 " events)\n\n", t.shown,
		t.total);
}

/* An ASCII ruler of the mapping that holds the address. */
static void print_ruler(FILE *f, const struct report *rep)
{
	const struct world_spec *w = rep->w;
	const struct world_map *m = NULL;
	char line[65];
	uint64_t col;

	for (int i = 0; i < w->nmaps && rep->has_va; i++)
		if (w->maps[i].proc == rep->mm && rep->va >= w->maps[i].addr &&
		    rep->va - w->maps[i].addr < w->maps[i].len)
			m = &w->maps[i];
	if (!m)
		return;
	col = (rep->va - m->addr) * 64 / m->len;
	memset(line, '-', 64);
	line[64] = 0;
	line[col] = '*';
	fprintf(f, "address range: mm%d's mapping of %s\n  %-#18" PRIx64
		"%46s%#" PRIx64 "\n  |%s|\n   %*s^ va %#" PRIx64 "\n\n",
		rep->mm, m->file >= 0 ? w->files[m->file].name : "anon",
		m->addr, "", m->addr + m->len, line, (int)col, "", rep->va);
}

void report_text(FILE *f, const struct report *rep)
{
	print_header(f, rep);
	print_agents(f, rep->w);
	print_events(f, rep);
	print_ruler(f, rep);
	if (rep->has_va && rep->mm >= 0) {
		fputs("page-table path at the violation\n", f);
		pt_path_text(f, rep->mm, rep->va, "  ");
	}
}
