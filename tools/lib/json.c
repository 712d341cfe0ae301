// SPDX-License-Identifier: GPL-2.0-only
/* The JSON reader (json.h): recursive descent over a byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/lib/json.h"

struct jp {
	const char *p, *end;
	int line, col;
	char *err;
	size_t errlen;
	bool failed;
};

static bool fail(struct jp *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (j->failed)
		return false;
	j->failed = true;
	n = snprintf(j->err, j->errlen, "%d:%d: error: ", j->line, j->col);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < j->errlen)
		vsnprintf(j->err + n, j->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static int peek(const struct jp *j)
{
	return j->p < j->end ? (unsigned char)*j->p : -1;
}

static void adv(struct jp *j)
{
	if (*j->p == '\n') {
		j->line++;
		j->col = 1;
	} else {
		j->col++;
	}
	j->p++;
}

static void skip_ws(struct jp *j)
{
	while (peek(j) == ' ' || peek(j) == '\t' || peek(j) == '\n' ||
	       peek(j) == '\r')
		adv(j);
}

static const char *found(const struct jp *j, char *buf, size_t len)
{
	int c = peek(j);

	if (c < 0)
		return "the end of the file";
	if (c >= 0x20 && c < 0x7f)
		snprintf(buf, len, "'%c'", c);
	else
		snprintf(buf, len, "byte 0x%02x", c);
	return buf;
}

static bool expect(struct jp *j, const char *what)
{
	char b[16];

	return fail(j, "expected %s, found %s", what, found(j, b, sizeof(b)));
}

static bool push_char(char **s, size_t *n, size_t *cap, char c)
{
	if (*n + 1 >= *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		char *v = realloc(*s, nc);

		if (!v)
			return false;
		*s = v;
		*cap = nc;
	}
	(*s)[(*n)++] = c;
	(*s)[*n] = 0;
	return true;
}

static int hex4(struct jp *j)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = peek(j);

		if (c >= '0' && c <= '9')
			v = v * 16 + c - '0';
		else if ((c | 32) >= 'a' && (c | 32) <= 'f')
			v = v * 16 + (c | 32) - 'a' + 10;
		else
			return -1;
		adv(j);
	}
	return v;
}

/* \uXXXX as UTF-8 (surrogates kept as they are: reports never hold them). */
static bool put_utf8(char **s, size_t *n, size_t *cap, int u)
{
	if (u < 0x80)
		return push_char(s, n, cap, (char)u);
	if (u < 0x800)
		return push_char(s, n, cap, (char)(0xc0 | u >> 6)) &&
		       push_char(s, n, cap, (char)(0x80 | (u & 63)));
	return push_char(s, n, cap, (char)(0xe0 | u >> 12)) &&
	       push_char(s, n, cap, (char)(0x80 | ((u >> 6) & 63))) &&
	       push_char(s, n, cap, (char)(0x80 | (u & 63)));
}

static bool escape(struct jp *j, char **s, size_t *n, size_t *cap)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	int u;

	adv(j);
	if (peek(j) < 0)
		return expect(j, "an escape");
	if (peek(j) == 'u') {
		adv(j);
		u = hex4(j);
		if (u <= 0)
			return fail(j, "bad \\u escape");
		return put_utf8(s, n, cap, u) || fail(j, "out of memory");
	}
	e = strchr(from, peek(j));
	if (!e || !*e)
		return fail(j, "bad escape '\\%c'", peek(j));
	adv(j);
	return push_char(s, n, cap, to[e - from]) || fail(j, "out of memory");
}

static char *string(struct jp *j)
{
	size_t n = 0, cap = 0;
	char *s = NULL;

	if (peek(j) != '"')
		return expect(j, "a string"), NULL;
	adv(j);
	push_char(&s, &n, &cap, 0);
	n = 0;
	while (s && peek(j) != '"') {
		int c = peek(j);

		if (c < 0 || c < 0x20) {
			if (c < 0)
				fail(j, "unterminated string");
			else
				fail(j, "control character in a string");
			break;
		}
		if (c == '\\' ? !escape(j, &s, &n, &cap) :
				(adv(j), !push_char(&s, &n, &cap, (char)c)))
			break;
	}
	if (!s || j->failed) {
		free(s);
		return NULL;
	}
	adv(j);
	return s;
}

static bool value(struct jp *j, struct json *v, int depth);

static bool number(struct jp *j, struct json *v)
{
	const char *start = j->p;
	bool digits = false, frac = false;
	uint64_t u = 0;
	bool over = false;

	if (peek(j) == '-') {
		frac = true;	/* negative: not a u64 */
		adv(j);
	}
	if (peek(j) == '0') {
		digits = true;
		adv(j);
	} else {
		while (peek(j) >= '0' && peek(j) <= '9') {
			int d = peek(j) - '0';

			over |= u > (UINT64_MAX - (uint64_t)d) / 10;
			u = u * 10 + (uint64_t)d;
			digits = true;
			adv(j);
		}
	}
	if (!digits)
		return expect(j, "a digit");
	if (peek(j) == '.') {
		frac = true;
		adv(j);
		if (!(peek(j) >= '0' && peek(j) <= '9'))
			return expect(j, "a digit");
		while (peek(j) >= '0' && peek(j) <= '9')
			adv(j);
	}
	if (peek(j) == 'e' || peek(j) == 'E') {
		frac = true;
		adv(j);
		if (peek(j) == '+' || peek(j) == '-')
			adv(j);
		if (!(peek(j) >= '0' && peek(j) <= '9'))
			return expect(j, "a digit");
		while (peek(j) >= '0' && peek(j) <= '9')
			adv(j);
	}
	v->type = JSON_NUMBER;
	v->is_u64 = !frac && !over && j->p > start;
	v->u64 = u;
	return true;
}

static bool literal(struct jp *j, struct json *v)
{
	static const char *const words[] = { "null", "true", "false" };

	for (int i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(j->end - j->p) >= n && !strncmp(j->p, words[i], n)) {
			for (size_t k = 0; k < n; k++)
				adv(j);
			v->type = i ? JSON_BOOL : JSON_NULL;
			v->b = i == 1;
			return true;
		}
	}
	return expect(j, "a value");
}

static struct json *add_kid(struct jp *j, struct json *v)
{
	if (v->nkids == v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		struct json *k = realloc(v->kids, (size_t)cap * sizeof(*k));

		if (!k) {
			fail(j, "out of memory");
			return NULL;
		}
		v->kids = k;
		v->cap = cap;
	}
	memset(&v->kids[v->nkids], 0, sizeof(v->kids[0]));
	return &v->kids[v->nkids++];
}

/* array or object: @close is ']' or '}' */
static bool container(struct jp *j, struct json *v, int depth, char close)
{
	v->type = close == ']' ? JSON_ARRAY : JSON_OBJECT;
	adv(j);
	skip_ws(j);
	if (peek(j) == close) {
		adv(j);
		return true;
	}
	for (;;) {
		struct json *k = add_kid(j, v);
		char *key = NULL;

		if (!k)
			return false;
		skip_ws(j);
		if (close == '}') {
			key = string(j);
			if (!key)
				return false;
			k->key = key;
			skip_ws(j);
			if (peek(j) != ':')
				return expect(j, "':'");
			adv(j);
		}
		if (!value(j, k, depth + 1))
			return false;
		skip_ws(j);
		if (peek(j) == close) {
			adv(j);
			return true;
		}
		if (peek(j) != ',')
			return expect(j, close == ']' ? "',' or ']'" :
							"',' or '}'");
		adv(j);
	}
}

static bool value(struct jp *j, struct json *v, int depth)
{
	int c;

	skip_ws(j);
	v->line = j->line;
	v->col = j->col;
	if (depth > JSON_MAX_DEPTH)
		return fail(j, "nested more than %d deep", JSON_MAX_DEPTH);
	c = peek(j);
	if (c == '{' || c == '[')
		return container(j, v, depth, c == '{' ? '}' : ']');
	if (c == '"') {
		v->type = JSON_STRING;
		v->s = string(j);
		return v->s != NULL;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return number(j, v);
	return literal(j, v);
}

static void json_free_kids(struct json *j)
{
	for (int i = 0; i < j->nkids; i++)
		json_free_kids(&j->kids[i]);
	free(j->kids);
	free(j->s);
	free(j->key);
}

void json_free(struct json *j)
{
	if (!j)
		return;
	json_free_kids(j);
	free(j);
}

struct json *json_parse(const char *text, size_t len, char *err,
			size_t errlen)
{
	struct jp j = { text, text + len, 1, 1, err, errlen, false };
	struct json *v = calloc(1, sizeof(*v));

	if (!v || len > JSON_MAX_INPUT) {
		snprintf(err, errlen, "1:1: error: input too large");
		free(v);
		return NULL;
	}
	if (value(&j, v, 0)) {
		skip_ws(&j);
		if (peek(&j) >= 0)
			expect(&j, "the end of the file");
	}
	if (j.failed) {
		json_free(v);
		return NULL;
	}
	return v;
}

const struct json *json_get(const struct json *j, const char *key)
{
	if (!j || j->type != JSON_OBJECT)
		return NULL;
	for (int i = 0; i < j->nkids; i++)
		if (j->kids[i].key && !strcmp(j->kids[i].key, key))
			return &j->kids[i];
	return NULL;
}
