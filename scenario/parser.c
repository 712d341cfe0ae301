// SPDX-License-Identifier: GPL-2.0-only
/*
 * The recursive-descent parser: token helpers, operation lines and blocks,
 * includes and the entry points (the top-level statements are in
 * stmt.c).  Every parsing function returns false after reporting an
 * error, and the caller skips the rest of the line (and any block the
 * line opened) before going on, so that one slip yields one error.  Checks that need the whole file (names, ranges,
 * limits) are left to scenario/validate.c, which runs only on a file that
 * parsed cleanly.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario/alloc.h"
#include "scenario/diag.h"
#include "scenario/lexer.h"
#include "scenario/ops.h"
#include "scenario/parse.h"
#include "scenario/parser.h"
#include "scenario/source.h"
#include "scenario/suggest.h"
#include "scenario/validate.h"

/* ---- tokens ---------------------------------------------------------- */

void scn_next(struct parser *p)
{
	scn_lex_next(&p->lx, &p->tok);
}

bool scn_at_word(const struct parser *p, const char *w)
{
	return p->tok.type == SCN_TOK_WORD && (int)strlen(w) == p->tok.len &&
	       !memcmp(p->tok.text, w, (size_t)p->tok.len);
}

/* Report "expected @what, found ..." (or the lexer's complaint). */
bool scn_expected(struct parser *p, const char *what)
{
	char buf[64];

	if (p->tok.type == SCN_TOK_ERROR)
		scn_error(p->diag, p->tok.pos, "%s", p->tok.err);
	else
		scn_error(p->diag, p->tok.pos, "expected %s, found %s", what,
			  scn_tok_describe(&p->tok, buf, sizeof(buf)));
	return false;
}

static const char *tok_str(struct parser *p)
{
	return scn_strndup(p->s, p->tok.text, (size_t)p->tok.len);
}

bool scn_expect_name(struct parser *p, const char *what, struct scn_name *n)
{
	if (p->tok.type != SCN_TOK_WORD)
		return scn_expected(p, what);
	n->pos = p->tok.pos;
	n->s = tok_str(p);
	scn_next(p);
	return true;
}

bool scn_expect_num(struct parser *p, const char *what, struct scn_num *n)
{
	if (p->tok.type != SCN_TOK_NUMBER)
		return scn_expected(p, what);
	n->pos = p->tok.pos;
	n->v = p->tok.num;
	n->set = true;
	scn_next(p);
	return true;
}

/* "+LEN": the position covers the '+' and the number. */
bool scn_expect_len(struct parser *p, struct scn_num *n)
{
	struct scn_pos plus = p->tok.pos;

	if (p->tok.type != SCN_TOK_PLUS)
		return scn_expected(p, "a length (e.g. +4K, +2M)");
	scn_next(p);
	if (!scn_expect_num(p, "a size after '+' (e.g. +4K, +2M)", n))
		return false;
	n->pos.len += n->pos.col - plus.col;
	n->pos.col = plus.col;
	return true;
}

/*
 * The current token as one word of @tab, without moving on; @what names
 * the vocabulary in messages.  A near miss gets a suggestion.
 */
static bool word_at(struct parser *p, const char *const *tab,
		    const char *what, int *out)
{
	struct scn_suggest sg;
	char hint[64];
	const char *w;

	if (p->tok.type != SCN_TOK_WORD)
		return scn_expected(p, what);
	*out = scn_word_index(tab, p->tok.text, p->tok.len);
	if (*out >= 0)
		return true;
	w = tok_str(p);
	scn_suggest_init(&sg, w);
	scn_suggest_add_all(&sg, tab);
	scn_error(p->diag, p->tok.pos, "unknown %s '%s'%s", what, w,
		  scn_suggest_hint(&sg, hint, sizeof(hint)));
	return false;
}

bool scn_expect_word(struct parser *p, const char *const *tab,
		     const char *what, int *out)
{
	if (!word_at(p, tab, what, out))
		return false;
	scn_next(p);
	return true;
}

/* A statement ends at the end of its line, or at a '}' closing a block. */
bool scn_end_stmt(struct parser *p)
{
	if (p->tok.type == SCN_TOK_NEWLINE) {
		scn_next(p);
		return true;
	}
	if (p->tok.type == SCN_TOK_EOF || p->tok.type == SCN_TOK_RBRACE)
		return true;
	return scn_expected(p, "end of line");
}

/*
 * Error recovery: drop the rest of the statement, and the whole of any
 * block it opened, but not the '}' of the block it sits in.
 */
static void skip_stmt(struct parser *p)
{
	int depth = 0;

	for (;;) {
		switch (p->tok.type) {
		case SCN_TOK_EOF:
			return;
		case SCN_TOK_NEWLINE:
			if (!depth) {
				scn_next(p);
				return;
			}
			break;
		case SCN_TOK_LBRACE:
			depth++;
			break;
		case SCN_TOK_RBRACE:
			if (!depth)
				return;
			depth--;
			break;
		default:
			break;
		}
		scn_next(p);
	}
}

/* ---- operations ------------------------------------------------------- */

static bool parse_block(struct parser *p, struct scn_op_list *list,
			int depth, bool prefix_ok);

static const char *const map_flags[] = {
	"shared", "private", "rw", "ro", "none", "thp", "locked", NULL,
};

/* Sharing and protection are each one choice; say which came first. */
static bool set_choice(struct parser *p, const char **seen, const char *w)
{
	if (*seen) {
		scn_error(p->diag, p->tok.pos,
			  "conflicting mapping flag '%s' after '%s'", w,
			  *seen);
		return false;
	}
	*seen = w;
	return true;
}

static bool map_flag(struct parser *p, struct scn_mapspec *m,
		     const char **share, const char **prot)
{
	int i;

	if (!word_at(p, map_flags, "mapping flag", &i))
		return false;
	if (i <= 1) {
		if (!set_choice(p, share, map_flags[i]))
			return false;
		m->shared = i == 0;
	} else if (i <= 4) {
		if (!set_choice(p, prot, map_flags[i]))
			return false;
		m->prot = (enum scn_prot)(i - 2);
	} else if ((i == 5 && m->thp) || (i == 6 && m->locked)) {
		scn_error(p->diag, p->tok.pos, "mapping flag '%s' given twice",
			  map_flags[i]);
		return false;
	} else {
		*(i == 5 ? &m->thp : &m->locked) = true;
	}
	scn_next(p);
	return true;
}

/* anon | file NAME [offset N], then flags; private rw by default. */
bool scn_parse_mapspec(struct parser *p, struct scn_mapspec *m)
{
	const char *share = NULL, *prot = NULL;

	m->prot = SCN_PROT_RW;
	if (scn_at_word(p, "anon")) {
		scn_next(p);
	} else if (scn_at_word(p, "file")) {
		scn_next(p);
		if (!scn_expect_name(p, "a file name", &m->file))
			return false;
		if (scn_at_word(p, "offset")) {
			scn_next(p);
			if (!scn_expect_num(p, "a file offset", &m->offset))
				return false;
		}
	} else {
		return scn_expected(p, "'anon' or 'file NAME'");
	}
	while (p->tok.type == SCN_TOK_WORD)
		if (!map_flag(p, m, &share, &prot))
			return false;
	return true;
}

/* reclaim [ADDR +LEN | N pages]: nothing means "anything, anywhere". */
static bool reclaim_target(struct parser *p, struct scn_op *op)
{
	struct scn_num n;

	if (p->tok.type != SCN_TOK_NUMBER)
		return true;
	scn_expect_num(p, "", &n);
	if (p->tok.type == SCN_TOK_PLUS) {
		op->addr = n;
		return scn_expect_len(p, &op->len);
	}
	if (!scn_at_word(p, "pages"))
		return scn_expected(p, "'+LEN' or 'pages'");
	scn_next(p);
	op->count = n;
	return true;
}

static bool repeat_body(struct parser *p, struct scn_op *op, int depth,
			bool prefix_ok)
{
	if (!scn_expect_num(p, "a repeat count", &op->count))
		return false;
	if (p->tok.type != SCN_TOK_LBRACE)
		return scn_expected(p, "'{'");
	if (depth >= SCN_MAX_NESTING) {
		scn_error(p->diag, op->pos,
			  "repeat nested more than %d deep", SCN_MAX_NESTING);
		return false;
	}
	return parse_block(p, &op->body, depth + 1, prefix_ok);
}

static bool parse_arg(struct parser *p, char shape, struct scn_op *op,
		      int depth, bool prefix_ok)
{
	int i = 0;
	bool ok;

	switch (shape) {
	case 'a':
		return scn_expect_num(p, "an address (e.g. 0x40000000)",
				      &op->addr);
	case 'l':
		return scn_expect_len(p, &op->len);
	case 'o':
		return p->tok.type != SCN_TOK_PLUS ||
		       scn_expect_len(p, &op->len);
	case 't':
		return scn_expect_num(p, "the new address", &op->to);
	case 'p':
		ok = scn_expect_word(p, scn_prot_names, "protection", &i);
		op->prot = (enum scn_prot)i;
		return ok;
	case 'v':
		ok = scn_expect_word(p, scn_advice_names, "madvise advice",
				     &i);
		op->advice = (enum scn_advice)i;
		return ok;
	case 'm':
		return scn_parse_mapspec(p, &op->map);
	case 'c':
		return scn_expect_name(p, "a name for the child process",
				       &op->name);
	case 'f':
		return scn_expect_name(p, "a file name", &op->name);
	case 'n':
		return scn_expect_num(p, "an offset", &op->offset);
	case 'd':
		ok = scn_expect_word(p, scn_dir_names, "dma direction", &i);
		op->dir = (enum scn_dir)i;
		return ok;
	case 'r':
		return reclaim_target(p, op);
	case 'k':
		return repeat_body(p, op, depth, prefix_ok);
	}
	return false;
}

static const char *near_op(const char *w)
{
	struct scn_suggest sg;

	scn_suggest_init(&sg, w);
	for (int i = 0; i < SCN_OP_NR; i++)
		scn_suggest_add(&sg, scn_ops[i].name);
	return sg.best;
}

static bool unknown_op(struct parser *p)
{
	const char *w = tok_str(p), *best = near_op(w);

	scn_error(p->diag, p->tok.pos, "unknown operation '%s'%s%s%s", w,
		  best ? "; did you mean '" : "", best ? best : "",
		  best ? "'?" : "");
	return false;
}

/*
 * Is the current word the PROC of "PROC OP ..."?  Only if a word follows.
 * Where no process may be named (process and device threads) it must be
 * an operation, and a near miss of an operation is taken for a typo, so
 * that "dam read" asks "did you mean 'dma'?".
 */
static bool at_prefix(struct parser *p, bool prefix_ok)
{
	struct scn_lexer lx = p->lx;
	struct scn_token t;

	if (p->tok.type != SCN_TOK_WORD ||
	    scn_op_lookup(p->tok.text, p->tok.len))
		return false;
	scn_lex_next(&lx, &t);
	if (t.type != SCN_TOK_WORD)
		return false;
	return prefix_ok ||
	       (scn_op_lookup(t.text, t.len) && !near_op(tok_str(p)));
}

/* [PROC] OP ARGS */
static bool parse_op(struct parser *p, struct scn_op_list *list, int depth,
		     bool prefix_ok)
{
	struct scn_op *op = SCN_PUSH(p->s, list->v, list->n, list->cap);
	const struct scn_op_desc *d;

	if (at_prefix(p, prefix_ok))
		scn_expect_name(p, "", &op->proc);
	if (p->tok.type != SCN_TOK_WORD)
		return scn_expected(p, "an operation (e.g. read, write)");
	d = scn_op_lookup(p->tok.text, p->tok.len);
	if (!d)
		return unknown_op(p);
	op->pos = p->tok.pos;
	op->kind = (enum scn_op_kind)(d - scn_ops);
	scn_next(p);
	for (const char *sh = d->shape; *sh; sh++)
		if (!parse_arg(p, *sh, op, depth, prefix_ok))
			return false;
	return scn_end_stmt(p);
}

/* '{' newline? ops '}' -- the current token is the '{'. */
static bool parse_block(struct parser *p, struct scn_op_list *list,
			int depth, bool prefix_ok)
{
	struct scn_pos open = p->tok.pos;

	scn_next(p);
	while (!p->diag->stopped) {
		switch (p->tok.type) {
		case SCN_TOK_NEWLINE:
			scn_next(p);
			continue;
		case SCN_TOK_RBRACE:
			scn_next(p);
			return true;
		case SCN_TOK_EOF:
			scn_error(p->diag, p->tok.pos,
				  "expected '}' to close the block opened at "
				  "%d:%d, found end of input",
				  open.line, open.col);
			return false;
		default:
			if (!parse_op(p, list, depth, prefix_ok))
				skip_stmt(p);
		}
	}
	return false;
}

bool scn_parse_block(struct parser *p, struct scn_op_list *list,
		     bool prefix_ok)
{
	if (p->tok.type != SCN_TOK_LBRACE)
		return scn_expected(p, "'{'");
	return parse_block(p, list, 0, prefix_ok);
}

/* ---- sources and includes -------------------------------------------- */

static const char *add_source(struct parser *p, struct scn_source *src)
{
	struct scn_scenario *s = p->s;
	struct scn_source *d = SCN_PUSH(s, s->sources, s->nsources,
					s->cap_sources);

	d->name = scn_strndup(s, src->name, strlen(src->name));
	d->buf = scn_strndup(s, src->buf, src->len);
	d->len = src->len;
	p->total += src->len;
	return d->name;
}

static void parse_statements(struct parser *p)
{
	scn_next(p);
	while (!p->diag->stopped && p->tok.type != SCN_TOK_EOF) {
		if (p->tok.type == SCN_TOK_NEWLINE)
			scn_next(p);
		else if (!scn_parse_stmt(p))
			skip_stmt(p);
	}
}

static void parse_source(struct parser *p, const struct scn_source *src)
{
	scn_lex_init(&p->lx, src->name, src->buf, src->len);
	p->chain[p->depth] = src->name;
	parse_statements(p);
}

static bool in_chain(struct parser *p, const char *name, char *buf,
		     size_t len)
{
	size_t off = 0;
	int i;

	for (i = 0; i <= p->depth; i++)
		if (!strcmp(p->chain[i], name))
			break;
	if (i > p->depth)
		return false;
	for (; i <= p->depth; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s -> ",
					p->chain[i]);
	snprintf(buf + off, len - off, "%s", name);
	return true;
}

/* Resolve, load and check one include; @at is its string token. */
static bool open_include(struct parser *p, struct scn_pos at,
			 const char *name, struct scn_source *src)
{
	char why[128] = "", cycle[SCN_MAX_INCLUDE_DEPTH * 80 + 300];
	scn_resolve_fn resolve = p->opts->resolve ? p->opts->resolve :
						    scn_resolve_disk;

	if (p->depth >= SCN_MAX_INCLUDE_DEPTH) {
		scn_error(p->diag, at, "includes nested more than %d deep",
			  SCN_MAX_INCLUDE_DEPTH);
		return false;
	}
	if (resolve(p->opts->resolve_arg, at.file, name, src, why,
		    sizeof(why))) {
		scn_error(p->diag, at, "cannot include \"%s\": %s", name,
			  why[0] ? why : "not found");
		return false;
	}
	if (in_chain(p, src->name, cycle, sizeof(cycle))) {
		scn_error(p->diag, at, "include cycle: %s", cycle);
		return false;
	}
	if (p->total + src->len > SCN_MAX_INPUT) {
		scn_error(p->diag, at, "input larger than %u bytes "
			  "(all included files together)", SCN_MAX_INPUT);
		return false;
	}
	return true;
}

/* include "NAME": the statements of NAME, as if written here. */
bool scn_parse_include(struct parser *p)
{
	struct scn_source src = { 0 };
	struct scn_lexer saved_lx;
	struct scn_token saved_tok;
	struct scn_pos at;
	const char *name;

	scn_next(p);
	if (p->tok.type != SCN_TOK_STRING)
		return scn_expected(p, "a file name in double quotes");
	at = p->tok.pos;
	name = tok_str(p);
	scn_next(p);
	if (!scn_end_stmt(p))
		return false;
	if (open_include(p, at, name, &src)) {
		struct scn_source kept = src;

		saved_lx = p->lx;
		saved_tok = p->tok;
		p->depth++;
		kept.name = add_source(p, &src);
		parse_source(p, &kept);
		p->depth--;
		p->lx = saved_lx;
		p->tok = saved_tok;
	}
	free((void *)src.name);
	free((void *)src.buf);
	return true;	/* the include line itself was well formed */
}

/* ---- entry points ----------------------------------------------------- */

static int finish(struct parser *p, struct scn_scenario **out)
{
	if (!p->diag->errors && !p->diag->stopped)
		scn_validate(p->s, p->opts, p->diag);
	if (p->diag->errors || p->diag->stopped) {
		scn_free(p->s);
		*out = NULL;
		return p->diag->errors ? p->diag->errors : 1;
	}
	*out = p->s;
	return 0;
}

static int parse_top(struct scn_source *src, const struct scn_opts *opts,
		     struct scn_scenario **out, FILE *err)
{
	static const struct scn_opts none;
	struct scn_diag diag = { .out = err };
	struct parser p = { .diag = &diag, .opts = opts ? opts : &none };

	p.s = calloc(1, sizeof(*p.s));
	if (!p.s)
		abort();
	diag.s = p.s;
	diag.max = p.opts->max_errors > 0 ? p.opts->max_errors :
					    SCN_MAX_ERRORS;
	if (src->len > SCN_MAX_INPUT) {
		/* Keep only the first line, to quote it. */
		const char *eol = memchr(src->buf, '\n', 200);
		struct scn_pos at = { NULL, 1, 1, 1 };

		src->len = eol ? (size_t)(eol - src->buf) : 200;
		at.file = add_source(&p, src);
		scn_error(&diag, at, "input larger than %u bytes",
			  SCN_MAX_INPUT);
	} else {
		src->name = add_source(&p, src);
		parse_source(&p, src);
	}
	return finish(&p, out);
}

int scn_parse_buffer(const char *name, const char *buf, size_t len,
		     const struct scn_opts *opts, struct scn_scenario **out,
		     FILE *err)
{
	struct scn_source src = { name ? name : "<buffer>", buf, len };

	return parse_top(&src, opts, out, err);
}

int scn_parse_file(const char *path, const struct scn_opts *opts,
		   struct scn_scenario **out, FILE *err)
{
	struct scn_source src = { path, NULL, 0 };
	char why[128], *buf;
	int n;

	*out = NULL;
	if (scn_read_file(path, SCN_MAX_INPUT, &buf, &src.len, why,
			  sizeof(why))) {
		if (err)
			fprintf(err, "%s: error: cannot read: %s\n", path,
				why);
		return 1;
	}
	src.buf = buf;
	n = parse_top(&src, opts, out, err);
	free(buf);
	return n;
}
