// SPDX-License-Identifier: GPL-2.0-only
/* The lexer: token kinds, numbers and suffixes, positions, bad tokens. */
#include "scenario/lexer.h"
#include "tests/tap.h"

static struct scn_lexer lx;

static void start(const char *text)
{
	scn_lex_init(&lx, "t.mms", text, strlen(text));
}

static struct scn_token tok(void)
{
	struct scn_token t;

	scn_lex_next(&lx, &t);
	return t;
}

static void words_numbers_and_punctuation(void)
{
	static const enum scn_tok_type want[] = {
		SCN_TOK_WORD, SCN_TOK_NUMBER, SCN_TOK_PLUS, SCN_TOK_NUMBER,
		SCN_TOK_LBRACE, SCN_TOK_NEWLINE, SCN_TOK_RBRACE,
		SCN_TOK_STRING, SCN_TOK_NEWLINE, SCN_TOK_EOF, SCN_TOK_EOF,
	};

	start("read 0x40000000 +8K {\n} \"x.mms\"\n");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_INT(tok().type, ==, want[i]);
}

static uint64_t number(const char *text)
{
	struct scn_token t;

	start(text);
	t = tok();
	CHECK_INT(t.type, ==, SCN_TOK_NUMBER);
	return t.num;
}

static void numbers_with_suffixes(void)
{
	CHECK_U64(number("4096"), ==, 4096);
	CHECK_U64(number("0x40000000"), ==, 0x40000000);
	CHECK_U64(number("0XfF"), ==, 255);
	CHECK_U64(number("4K"), ==, 4096);
	CHECK_U64(number("2M"), ==, 2 << 20);
	CHECK_U64(number("1G"), ==, 1 << 30);
	CHECK_U64(number("128T"), ==, 1ull << 47);
	CHECK_U64(number("0x10M"), ==, 16 << 20);
	CHECK_U64(number("18446744073709551615"), ==, UINT64_MAX);
	CHECK_U64(number("0"), ==, 0);
}

static const char *error_of(const char *text)
{
	static struct scn_token t;

	start(text);
	t = tok();
	CHECK_INT(t.type, ==, SCN_TOK_ERROR);
	return t.err;
}

static void bad_tokens(void)
{
	char longname[300];

	CHECK_STR(error_of("18446744073709551616"),
		  "number '18446744073709551616' does not fit in 64 bits");
	CHECK_STR(error_of("16777216T"),
		  "number '16777216T' does not fit in 64 bits");
	CHECK_STR(error_of("4k"), "malformed number '4k' (write e.g. 4096, "
		  "0x1000, 2M)");
	CHECK_STR(error_of("0x"), "malformed number '0x' (write e.g. 4096, "
		  "0x1000, 2M)");
	CHECK_STR(error_of("12.5M"), "malformed number '12.5M' (write e.g. "
		  "4096, 0x1000, 2M)");
	CHECK_STR(error_of("Write"), "'Write': names and keywords are lower "
		  "case");
	CHECK_STR(error_of(".x"), "a name cannot start with '.'");
	CHECK_STR(error_of("\"abc\n\""), "unterminated string");
	CHECK_STR(error_of("@"), "unexpected character '@'");
	CHECK_STR(error_of("\x80"), "unexpected character byte 0x80");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK_STR(error_of(longname), "token longer than 256 characters");
}

static void positions_and_widths(void)
{
	struct scn_token t;

	start("# a comment\n  map\tp1 +4K # trailing\r\n");
	t = tok();
	CHECK_INT(t.type, ==, SCN_TOK_NEWLINE);
	CHECK_INT(t.pos.line, ==, 1);
	CHECK_INT(t.pos.col, ==, 12);
	t = tok();
	CHECK_INT(t.pos.line, ==, 2);
	CHECK_INT(t.pos.col, ==, 3);
	CHECK_INT(t.pos.len, ==, 3);
	CHECK_STR(t.pos.file, "t.mms");
	t = tok();
	CHECK_INT(t.pos.col, ==, 7);
	CHECK_INT(t.len, ==, 2);
	CHECK_INT(tok().pos.col, ==, 10);	/* '+' */
	t = tok();
	CHECK_INT(t.pos.col, ==, 11);
	CHECK_INT(t.pos.len, ==, 2);
	t = tok();
	CHECK_INT(t.type, ==, SCN_TOK_NEWLINE);
	CHECK_INT(tok().pos.line, ==, 3);
}

static void names_take_dots_and_dashes(void)
{
	struct scn_token t;

	start("v4.4-seed hmm-mirror _x");
	t = tok();
	CHECK_INT(t.type, ==, SCN_TOK_WORD);
	CHECK_INT(t.len, ==, 9);
	CHECK_INT(tok().len, ==, 10);
	CHECK_INT(tok().type, ==, SCN_TOK_WORD);
}

static void string_text_excludes_quotes(void)
{
	struct scn_token t;
	char buf[64];

	start("\"common.mms\"");
	t = tok();
	CHECK_INT(t.len, ==, 10);
	CHECK_INT(t.pos.len, ==, 12);
	CHECK(!memcmp(t.text, "common.mms", 10));
	CHECK_STR(scn_tok_describe(&t, buf, sizeof(buf)), "'\"common.mms\"'");
}

TAP_MAIN(TEST(words_numbers_and_punctuation), TEST(numbers_with_suffixes),
	 TEST(bad_tokens), TEST(positions_and_widths),
	 TEST(names_take_dots_and_dashes), TEST(string_text_excludes_quotes))
