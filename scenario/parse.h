/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals shared by the parser's two halves: parser.c (tokens,
 * operations, includes, entry points) and stmt.c (the top-level
 * statements).  Every helper reports its own error and returns false.
 */
#ifndef MMSIM_SCENARIO_PARSE_H
#define MMSIM_SCENARIO_PARSE_H

#include <stdbool.h>

#include "scenario/diag.h"
#include "scenario/lexer.h"
#include "scenario/parser.h"

struct parser {
	struct scn_scenario *s;
	struct scn_diag *diag;
	const struct scn_opts *opts;
	struct scn_lexer lx;
	struct scn_token tok;		/* the current token */
	int depth;			/* of includes */
	const char *chain[SCN_MAX_INCLUDE_DEPTH + 1];	/* open sources */
	size_t total;			/* bytes of all sources */
};

void scn_next(struct parser *p);
bool scn_at_word(const struct parser *p, const char *w);
bool scn_expected(struct parser *p, const char *what);
bool scn_expect_name(struct parser *p, const char *what, struct scn_name *n);
bool scn_expect_num(struct parser *p, const char *what, struct scn_num *n);
/* "+LEN" */
bool scn_expect_len(struct parser *p, struct scn_num *n);
bool scn_expect_word(struct parser *p, const char *const *tab,
		     const char *what, int *out);
bool scn_end_stmt(struct parser *p);
bool scn_parse_mapspec(struct parser *p, struct scn_mapspec *m);
/*
 * A '{' ... '}' block of operations, the current token being '{'.
 * @prefix_ok: lines may start with a process name (setup, kernel threads).
 */
bool scn_parse_block(struct parser *p, struct scn_op_list *list,
		     bool prefix_ok);
bool scn_parse_include(struct parser *p);

/* One top-level statement, the current token being its first. */
bool scn_parse_stmt(struct parser *p);

#endif /* MMSIM_SCENARIO_PARSE_H */
