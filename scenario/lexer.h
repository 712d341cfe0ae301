/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tokens of a .mms file.  The language is line oriented, so the end of a
 * line is a token.  Comments run from '#' to the end of the line.
 *
 *	word	[a-z_][a-z0-9_.-]*		names and keywords
 *	number	[0-9]+ or 0x[0-9a-fA-F]+, then one of K M G T
 *	string	"..." on one line, no escapes	include paths
 *	+ { }
 *
 * The lexer never reports: a bad token comes back as SCN_TOK_ERROR with
 * its message, and the parser reports it when it reaches it.  This lets
 * the parser look ahead on a copy of the lexer without double reports.
 */
#ifndef MMSIM_SCENARIO_LEXER_H
#define MMSIM_SCENARIO_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "scenario/ast.h"

enum scn_tok_type {
	SCN_TOK_EOF,
	SCN_TOK_NEWLINE,
	SCN_TOK_WORD,
	SCN_TOK_NUMBER,
	SCN_TOK_STRING,		/* text and len exclude the quotes */
	SCN_TOK_PLUS,
	SCN_TOK_LBRACE,
	SCN_TOK_RBRACE,
	SCN_TOK_ERROR,
};

struct scn_token {
	enum scn_tok_type type;
	struct scn_pos pos;	/* len: the whole token, quotes included */
	const char *text;	/* into the source, not NUL-terminated */
	int len;
	uint64_t num;		/* SCN_TOK_NUMBER: its value */
	char err[128];		/* SCN_TOK_ERROR: what is wrong */
};

struct scn_lexer {
	const char *file;
	const char *buf;
	size_t len, off;
	int line, col;
};

void scn_lex_init(struct scn_lexer *lx, const char *file, const char *buf,
		  size_t len);
void scn_lex_next(struct scn_lexer *lx, struct scn_token *t);

/* The token as an error message shows it: 'word', end of line... */
const char *scn_tok_describe(const struct scn_token *t, char *buf,
			     size_t len);

#endif /* MMSIM_SCENARIO_LEXER_H */
