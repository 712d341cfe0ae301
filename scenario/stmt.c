// SPDX-License-Identifier: GPL-2.0-only
/*
 * The top-level statements, one function each, in the order the
 * reference (docs/scenario.md) gives them.  The current token is the
 * statement's keyword on entry.
 */
#include <string.h>

#include "scenario/alloc.h"
#include "scenario/ops.h"
#include "scenario/parse.h"
#include "scenario/suggest.h"

#define SIZE_EG "a size (e.g. 4K, 2M)"

/* Statements that may appear once: remember where, complain after. */
static bool once(struct parser *p, struct scn_pos *first, const char *kw)
{
	if (first->line) {
		scn_error(p->diag, p->tok.pos,
			  "duplicate '%s' statement (first at %s:%d:%d)", kw,
			  first->file, first->line, first->col);
		return false;
	}
	*first = p->tok.pos;
	return true;
}

/*
 * KEY NUMBER pairs in any order, each at most once: value i is keyed by
 * keys[i] and described by what[i] in messages.
 */
static bool key_values(struct parser *p, const char *const *keys,
		       const char *const *what, const char *kind,
		       struct scn_num *vals)
{
	int i;

	while (p->tok.type == SCN_TOK_WORD) {
		struct scn_pos at = p->tok.pos;

		if (!scn_expect_word(p, keys, kind, &i))
			return false;
		if (vals[i].set) {
			scn_error(p->diag, at, "'%s' given twice", keys[i]);
			return false;
		}
		if (!scn_expect_num(p, what[i], &vals[i]))
			return false;
	}
	return true;
}

/* scenario NAME */
static bool stmt_scenario(struct parser *p)
{
	struct scn_scenario *s = p->s;

	if (!once(p, &s->pos, "scenario"))
		return false;
	scn_next(p);
	return scn_expect_name(p, "a scenario name", &s->name) &&
	       scn_end_stmt(p);
}

/* machine [cpus N] [memory SIZE] */
static bool stmt_machine(struct parser *p)
{
	static const char *const keys[] = { "cpus", "memory", NULL };
	static const char *const what[] = { "a CPU count", SIZE_EG };
	struct scn_scenario *s = p->s;
	struct scn_num v[2] = { 0 };

	if (!once(p, &s->machine_pos, "machine"))
		return false;
	scn_next(p);
	if (p->tok.type != SCN_TOK_WORD)
		return scn_expected(p, "'cpus N' or 'memory SIZE'");
	if (!key_values(p, keys, what, "machine attribute", v))
		return false;
	s->cpus = v[0];
	s->memory = v[1];
	return scn_end_stmt(p);
}

/* era NAME */
static bool stmt_era(struct parser *p)
{
	struct scn_scenario *s = p->s;

	if (s->era.s) {
		scn_error(p->diag, p->tok.pos,
			  "duplicate 'era' statement (first at %s:%d:%d)",
			  s->era.pos.file, s->era.pos.line, s->era.pos.col);
		return false;
	}
	scn_next(p);
	return scn_expect_name(p, "an era name (e.g. v4.4)", &s->era) &&
	       scn_end_stmt(p);
}

/* hugetlb pool PAGESIZE COUNT */
static bool stmt_hugetlb(struct parser *p)
{
	static const char *const pool[] = { "pool", NULL };
	struct scn_scenario *s = p->s;
	struct scn_pool *h = SCN_PUSH(s, s->pools, s->npools, s->cap_pools);
	int i;

	h->pos = p->tok.pos;
	scn_next(p);
	return scn_expect_word(p, pool, "hugetlb statement", &i) &&
	       scn_expect_num(p, "a huge page size (2M or 1G)",
			      &h->pagesize) &&
	       scn_expect_num(p, "a number of huge pages", &h->count) &&
	       scn_end_stmt(p);
}

/* file NAME KIND size SIZE [pagesize SIZE] */
static bool stmt_file(struct parser *p)
{
	static const char *const keys[] = { "size", "pagesize", NULL };
	static const char *const what[] = { SIZE_EG, "a page size (2M, 1G)" };
	struct scn_scenario *s = p->s;
	struct scn_file *f = SCN_PUSH(s, s->files, s->nfiles, s->cap_files);
	struct scn_num v[2] = { 0 };
	int kind;

	f->pos = p->tok.pos;
	scn_next(p);
	if (!scn_expect_name(p, "a file name", &f->name) ||
	    !scn_expect_word(p, scn_file_kind_names, "file kind", &kind) ||
	    !key_values(p, keys, what, "file attribute", v))
		return false;
	f->kind = (enum scn_file_kind)kind;
	f->size = v[0];
	f->pagesize = v[1];
	if (!f->size.set)
		return scn_expected(p, "'size SIZE'");
	return scn_end_stmt(p);
}

/* process NAME [fork PARENT] */
static bool stmt_process(struct parser *p)
{
	struct scn_scenario *s = p->s;
	struct scn_process *pr = SCN_PUSH(s, s->procs, s->nprocs,
					  s->cap_procs);

	pr->pos = p->tok.pos;
	scn_next(p);
	if (!scn_expect_name(p, "a process name", &pr->name))
		return false;
	if (scn_at_word(p, "fork")) {
		scn_next(p);
		if (!scn_expect_name(p, "the parent process", &pr->parent))
			return false;
	}
	return scn_end_stmt(p);
}

/* map PROC ADDR +LEN anon|file NAME [offset N] FLAGS */
static bool stmt_map(struct parser *p)
{
	struct scn_scenario *s = p->s;
	struct scn_map *m = SCN_PUSH(s, s->maps, s->nmaps, s->cap_maps);

	m->pos = p->tok.pos;
	scn_next(p);
	return scn_expect_name(p, "a process name", &m->proc) &&
	       scn_expect_num(p, "an address (e.g. 0x40000000)", &m->addr) &&
	       scn_expect_len(p, &m->len) &&
	       scn_parse_mapspec(p, &m->spec) && scn_end_stmt(p);
}

/* mmu NAME KIND PROC */
static bool stmt_mmu(struct parser *p)
{
	struct scn_scenario *s = p->s;
	struct scn_mmu *m = SCN_PUSH(s, s->mmus, s->nmmus, s->cap_mmus);
	int kind;

	m->pos = p->tok.pos;
	scn_next(p);
	if (!scn_expect_name(p, "an mmu name", &m->name) ||
	    !scn_expect_word(p, scn_mmu_kind_names, "mmu kind", &kind))
		return false;
	m->kind = (enum scn_mmu_kind)kind;
	return scn_expect_name(p, "a process name", &m->proc) &&
	       scn_end_stmt(p);
}

/* setup { OPS } -- several setup blocks run one after the other. */
static bool stmt_setup(struct parser *p)
{
	scn_next(p);
	return scn_parse_block(p, &p->s->setup, true) && scn_end_stmt(p);
}

static bool thread_attr(struct parser *p, struct scn_thread *t,
			bool *have_kind)
{
	static const char *const attrs[] = {
		"cpu", "process", "kernel", "device", NULL,
	};
	struct scn_pos at = p->tok.pos;
	int i;

	if (!scn_expect_word(p, attrs, "thread attribute", &i))
		return false;
	if (i == 0) {
		if (t->cpu.set) {
			scn_error(p->diag, at, "'cpu' given twice");
			return false;
		}
		return scn_expect_num(p, "a CPU number", &t->cpu);
	}
	if (*have_kind) {
		scn_error(p->diag, at, "thread kind given twice");
		return false;
	}
	*have_kind = true;
	t->kind = (enum scn_thread_kind)(i - 1);
	if (t->kind == SCN_THREAD_PROCESS)
		return scn_expect_name(p, "a process name", &t->target);
	if (t->kind == SCN_THREAD_DEVICE)
		return scn_expect_name(p, "an mmu name", &t->target);
	return true;
}

/* thread NAME [cpu N] process PROC|kernel|device MMU { OPS } */
static bool stmt_thread(struct parser *p)
{
	struct scn_scenario *s = p->s;
	struct scn_thread *t = SCN_PUSH(s, s->threads, s->nthreads,
					s->cap_threads);
	bool have_kind = false;

	t->pos = p->tok.pos;
	scn_next(p);
	if (!scn_expect_name(p, "a thread name", &t->name))
		return false;
	while (p->tok.type == SCN_TOK_WORD)
		if (!thread_attr(p, t, &have_kind))
			return false;
	if (p->tok.type == SCN_TOK_LBRACE && !have_kind)
		return scn_expected(p, "'process NAME', 'kernel' or "
				    "'device MMU'");
	return scn_parse_block(p, &t->ops, t->kind == SCN_THREAD_KERNEL) &&
	       scn_end_stmt(p);
}

/* expect [ERA] none | violation [KIND] */
static bool stmt_expect(struct parser *p)
{
	static const char *const what[] = { "none", "violation", NULL };
	struct scn_scenario *s = p->s;
	struct scn_expect *e = SCN_PUSH(s, s->expects, s->nexpects,
					s->cap_expects);
	struct scn_lexer ahead;
	struct scn_token t2;
	int i;

	e->pos = p->tok.pos;
	scn_next(p);
	ahead = p->lx;
	scn_lex_next(&ahead, &t2);
	if (p->tok.type == SCN_TOK_WORD && t2.type == SCN_TOK_WORD &&
	    !scn_at_word(p, "none") && !scn_at_word(p, "violation"))
		scn_expect_name(p, "", &e->era);
	if (!scn_expect_word(p, what, "expectation", &i))
		return false;
	e->violation = i == 1;
	if (e->violation && p->tok.type == SCN_TOK_WORD)
		scn_expect_name(p, "", &e->kind);
	return scn_end_stmt(p);
}

static const struct {
	const char *kw;
	bool (*fn)(struct parser *p);
} stmts[] = {
	{ "scenario", stmt_scenario },
	{ "machine", stmt_machine },
	{ "era", stmt_era },
	{ "hugetlb", stmt_hugetlb },
	{ "file", stmt_file },
	{ "process", stmt_process },
	{ "map", stmt_map },
	{ "mmu", stmt_mmu },
	{ "setup", stmt_setup },
	{ "thread", stmt_thread },
	{ "expect", stmt_expect },
	{ "include", scn_parse_include },
};

#define NSTMTS (int)(sizeof(stmts) / sizeof(stmts[0]))

static bool unknown_stmt(struct parser *p)
{
	char *w = scn_strndup(p->s, p->tok.text, (size_t)p->tok.len);
	struct scn_suggest sg;
	char hint[64];

	if (scn_op_lookup(w, p->tok.len)) {
		scn_error(p->diag, p->tok.pos,
			  "operation '%s' outside a block: operations go "
			  "in a 'setup' or 'thread' block", w);
		return false;
	}
	scn_suggest_init(&sg, w);
	for (int i = 0; i < NSTMTS; i++)
		scn_suggest_add(&sg, stmts[i].kw);
	scn_error(p->diag, p->tok.pos, "unknown statement '%s'%s", w,
		  scn_suggest_hint(&sg, hint, sizeof(hint)));
	return false;
}

bool scn_parse_stmt(struct parser *p)
{
	if (p->tok.type == SCN_TOK_RBRACE) {
		scn_error(p->diag, p->tok.pos, "unexpected '}': no block is "
			  "open");
		scn_next(p);
		return false;
	}
	if (p->tok.type != SCN_TOK_WORD)
		return scn_expected(p, "a statement (e.g. scenario, map, "
				    "thread)");
	for (int i = 0; i < NSTMTS; i++)
		if (scn_at_word(p, stmts[i].kw))
			return stmts[i].fn(p);
	return unknown_stmt(p);
}
