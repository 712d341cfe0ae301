// SPDX-License-Identifier: GPL-2.0-only
/*
 * The canonical form of a scenario: one statement a line, every mapping
 * flag spelt out, blocks indented by a tab.  Parsing the output gives
 * the same scenario again (the fuzzer checks this), includes spliced.
 */
#include <inttypes.h>

#include "scenario/ops.h"
#include "scenario/parser.h"

const char *scn_fmt_size(uint64_t v, char *buf, size_t len)
{
	static const char sfx[] = "KMGT";
	int i = 3;

	for (; i >= 0 && v; i--)
		if (!(v & ((1ull << (10 * (i + 1))) - 1)))
			break;
	if (i < 0 || !v)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "%" PRIu64 "%c", v >> (10 * (i + 1)),
			 sfx[i]);
	return buf;
}

static void size(FILE *f, const char *pre, uint64_t v)
{
	char b[32];

	fprintf(f, "%s%s", pre, scn_fmt_size(v, b, sizeof(b)));
}

static void addr(FILE *f, uint64_t v)
{
	fprintf(f, " 0x%" PRIx64, v);
}

static void mapspec(FILE *f, const struct scn_mapspec *m)
{
	if (m->file.s) {
		fprintf(f, " file %s", m->file.s);
		if (m->offset.set)
			size(f, " offset ", m->offset.v);
	} else {
		fputs(" anon", f);
	}
	fprintf(f, " %s %s%s%s", m->shared ? "shared" : "private",
		scn_prot_names[m->prot], m->thp ? " thp" : "",
		m->locked ? " locked" : "");
}

static void ops(FILE *f, const struct scn_op_list *l, int depth);

static void arg(FILE *f, char shape, const struct scn_op *op, int depth)
{
	switch (shape) {
	case 'a': addr(f, op->addr.v); break;
	case 'l': size(f, " +", op->len.v); break;
	case 'o': if (op->len.set) size(f, " +", op->len.v); break;
	case 't': addr(f, op->to.v); break;
	case 'p': fprintf(f, " %s", scn_prot_names[op->prot]); break;
	case 'v': fprintf(f, " %s", scn_advice_names[op->advice]); break;
	case 'm': mapspec(f, &op->map); break;
	case 'c':
	case 'f': fprintf(f, " %s", op->name.s); break;
	case 'n': size(f, " ", op->offset.v); break;
	case 'd': fprintf(f, " %s", scn_dir_names[op->dir]); break;
	case 'r':
		if (op->addr.set) {
			addr(f, op->addr.v);
			size(f, " +", op->len.v);
		} else if (op->count.set) {
			fprintf(f, " %" PRIu64 " pages", op->count.v);
		}
		break;
	case 'k':
		fprintf(f, " %" PRIu64 " {\n", op->count.v);
		ops(f, &op->body, depth + 1);
		fprintf(f, "%.*s}", depth, "\t\t\t\t\t\t\t\t\t\t");
		break;
	}
}

static void ops(FILE *f, const struct scn_op_list *l, int depth)
{
	for (int i = 0; i < l->n; i++) {
		const struct scn_op *op = &l->v[i];
		const struct scn_op_desc *d = &scn_ops[op->kind];

		fprintf(f, "%.*s", depth, "\t\t\t\t\t\t\t\t\t\t");
		if (op->proc.s)
			fprintf(f, "%s ", op->proc.s);
		fputs(d->name, f);
		for (const char *sh = d->shape; *sh; sh++)
			arg(f, *sh, op, depth);
		fputc('\n', f);
	}
}

static void header(FILE *f, const struct scn_scenario *s)
{
	if (s->name.s)
		fprintf(f, "scenario %s\n", s->name.s);
	if (s->machine_pos.line) {
		fputs("machine", f);
		if (s->cpus.set)
			fprintf(f, " cpus %" PRIu64, s->cpus.v);
		if (s->memory.set)
			size(f, " memory ", s->memory.v);
		fputc('\n', f);
	}
	if (s->era.s)
		fprintf(f, "era %s\n", s->era.s);
	for (int i = 0; i < s->npools; i++) {
		size(f, "hugetlb pool ", s->pools[i].pagesize.v);
		fprintf(f, " %" PRIu64 "\n", s->pools[i].count.v);
	}
}

static void decls(FILE *f, const struct scn_scenario *s)
{
	for (int i = 0; i < s->nfiles; i++) {
		const struct scn_file *x = &s->files[i];

		fprintf(f, "file %s %s", x->name.s,
			scn_file_kind_names[x->kind]);
		size(f, " size ", x->size.v);
		if (x->kind == SCN_FILE_HUGETLBFS)
			size(f, " pagesize ", x->pagesize.v);
		fputc('\n', f);
	}
	for (int i = 0; i < s->nprocs; i++) {
		fprintf(f, "process %s", s->procs[i].name.s);
		if (s->procs[i].parent.s)
			fprintf(f, " fork %s", s->procs[i].parent.s);
		fputc('\n', f);
	}
	for (int i = 0; i < s->nmaps; i++) {
		fprintf(f, "map %s", s->maps[i].proc.s);
		addr(f, s->maps[i].addr.v);
		size(f, " +", s->maps[i].len.v);
		mapspec(f, &s->maps[i].spec);
		fputc('\n', f);
	}
	for (int i = 0; i < s->nmmus; i++)
		fprintf(f, "mmu %s %s %s\n", s->mmus[i].name.s,
			scn_mmu_kind_names[s->mmus[i].kind],
			s->mmus[i].proc.s);
}

static void thread(FILE *f, const struct scn_thread *t)
{
	fprintf(f, "thread %s", t->name.s);
	if (t->cpu.set)
		fprintf(f, " cpu %" PRIu64, t->cpu.v);
	fprintf(f, " %s", scn_thread_kind_names[t->kind]);
	if (t->target.s)
		fprintf(f, " %s", t->target.s);
	fputs(" {\n", f);
	ops(f, &t->ops, 1);
	fputs("}\n", f);
}

void scn_print(FILE *f, const struct scn_scenario *s)
{
	header(f, s);
	decls(f, s);
	if (s->setup.n) {
		fputs("setup {\n", f);
		ops(f, &s->setup, 1);
		fputs("}\n", f);
	}
	for (int i = 0; i < s->nthreads; i++)
		thread(f, &s->threads[i]);
	for (int i = 0; i < s->nexpects; i++) {
		const struct scn_expect *e = &s->expects[i];

		fputs("expect", f);
		if (e->era.s)
			fprintf(f, " %s", e->era.s);
		fputs(e->violation ? " violation" : " none", f);
		if (e->kind.s)
			fprintf(f, " %s", e->kind.s);
		fputc('\n', f);
	}
}
