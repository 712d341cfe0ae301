// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "scenario/lexer.h"
#include "scenario/parser.h"

void scn_lex_init(struct scn_lexer *lx, const char *file, const char *buf,
		  size_t len)
{
	lx->file = file;
	lx->buf = buf;
	lx->len = len;
	lx->off = 0;
	lx->line = 1;
	lx->col = 1;
}

static int peekc(const struct scn_lexer *lx, size_t ahead)
{
	size_t i = lx->off + ahead;

	return i < lx->len ? (unsigned char)lx->buf[i] : -1;
}

static void advance(struct scn_lexer *lx)
{
	if (lx->buf[lx->off++] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
}

static bool is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static void skip_blanks(struct scn_lexer *lx)
{
	for (;;) {
		int c = peekc(lx, 0);

		if (c == ' ' || c == '\t' || c == '\r') {
			advance(lx);
		} else if (c == '#') {
			while (peekc(lx, 0) != -1 && peekc(lx, 0) != '\n')
				advance(lx);
		} else {
			return;
		}
	}
}

__attribute__((format(printf, 2, 3))) static void
set_error(struct scn_token *t, const char *fmt, ...)
{
	va_list ap;

	t->type = SCN_TOK_ERROR;
	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
}

/* At most 40 characters of a token in a message. */
#define SHOWN(t) ((t)->len > 40 ? 40 : (t)->len), (t)->text

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static int suffix_shift(int c)
{
	switch (c) {
	case 'K': return 10;
	case 'M': return 20;
	case 'G': return 30;
	case 'T': return 40;
	}
	return -1;
}

/* Returns 0, or -1 for a malformed number and -2 for one past 64 bits. */
static int number_value(const char *p, int len, uint64_t *out)
{
	int base = 10, i = 0, shift = 0;
	uint64_t v = 0;
	bool overflow = false;

	if (len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (len > i && suffix_shift(p[len - 1]) >= 0) {
		shift = suffix_shift(p[len - 1]);
		len--;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		int d = digit_value(p[i]);

		if (d >= base)
			return -1;
		overflow |= __builtin_mul_overflow(v, (uint64_t)base, &v);
		overflow |= __builtin_add_overflow(v, (uint64_t)d, &v);
	}
	if (shift && v > (UINT64_MAX >> shift))
		overflow = true;
	*out = v << shift;
	return overflow ? -2 : 0;
}

static void lex_word(struct scn_lexer *lx, struct scn_token *t)
{
	bool upper = false;

	while (is_word_char(peekc(lx, 0))) {
		upper |= peekc(lx, 0) >= 'A' && peekc(lx, 0) <= 'Z';
		advance(lx);
	}
	t->len = (int)(lx->off - (size_t)(t->text - lx->buf));
	if (t->len > SCN_MAX_TOKEN) {
		set_error(t, "token longer than %d characters", SCN_MAX_TOKEN);
		return;
	}
	if (t->text[0] >= '0' && t->text[0] <= '9') {
		int r = number_value(t->text, t->len, &t->num);

		t->type = SCN_TOK_NUMBER;
		if (r == -1)
			set_error(t, "malformed number '%.*s' (write e.g. "
				  "4096, 0x1000, 2M)", SHOWN(t));
		else if (r == -2)
			set_error(t, "number '%.*s' does not fit in 64 bits",
				  SHOWN(t));
		return;
	}
	t->type = SCN_TOK_WORD;
	if (upper)
		set_error(t, "'%.*s': names and keywords are lower case",
			  SHOWN(t));
	else if (!(t->text[0] >= 'a' && t->text[0] <= 'z') &&
		 t->text[0] != '_')
		set_error(t, "a name cannot start with '%c'", t->text[0]);
}

static void lex_string(struct scn_lexer *lx, struct scn_token *t)
{
	advance(lx);
	t->text++;
	while (peekc(lx, 0) != -1 && peekc(lx, 0) != '"' &&
	       peekc(lx, 0) != '\n')
		advance(lx);
	t->len = (int)(lx->off - (size_t)(t->text - lx->buf));
	if (peekc(lx, 0) != '"') {
		set_error(t, "unterminated string");
		return;
	}
	advance(lx);
	t->type = SCN_TOK_STRING;
	if (t->len > SCN_MAX_TOKEN)
		set_error(t, "string longer than %d characters", SCN_MAX_TOKEN);
}

static void lex_other(struct scn_lexer *lx, struct scn_token *t, int c)
{
	char what[16];

	advance(lx);
	t->len = 1;
	switch (c) {
	case '\n': t->type = SCN_TOK_NEWLINE; return;
	case '+': t->type = SCN_TOK_PLUS; return;
	case '{': t->type = SCN_TOK_LBRACE; return;
	case '}': t->type = SCN_TOK_RBRACE; return;
	}
	if (c > ' ' && c < 127)
		snprintf(what, sizeof(what), "'%c'", c);
	else
		snprintf(what, sizeof(what), "byte 0x%02x", c);
	set_error(t, "unexpected character %s", what);
}

void scn_lex_next(struct scn_lexer *lx, struct scn_token *t)
{
	int c;

	skip_blanks(lx);
	memset(t, 0, sizeof(*t));
	t->pos.file = lx->file;
	t->pos.line = lx->line;
	t->pos.col = lx->col;
	t->text = lx->buf + lx->off;
	c = peekc(lx, 0);
	if (c == -1) {
		t->type = SCN_TOK_EOF;
		t->pos.len = 1;
		return;
	}
	if (is_word_char(c))
		lex_word(lx, t);
	else if (c == '"')
		lex_string(lx, t);
	else
		lex_other(lx, t, c);
	/* No token but the end of line spans lines. */
	t->pos.len = t->type == SCN_TOK_NEWLINE ? 1 : lx->col - t->pos.col;
}

const char *scn_tok_describe(const struct scn_token *t, char *buf, size_t len)
{
	switch (t->type) {
	case SCN_TOK_EOF:
		return "end of input";
	case SCN_TOK_NEWLINE:
		return "end of line";
	case SCN_TOK_STRING:
		snprintf(buf, len, "'\"%.*s%s\"'", t->len > 40 ? 40 : t->len,
			 t->text, t->len > 40 ? "..." : "");
		return buf;
	default:
		snprintf(buf, len, "'%.*s%s'", t->len > 40 ? 40 : t->len,
			 t->text, t->len > 40 ? "..." : "");
		return buf;
	}
}
