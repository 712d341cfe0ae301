/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small JSON reader for the report files mmsim writes: the whole
 * grammar (RFC 8259) into a tree whose nodes remember line and column,
 * bounded in depth and size so that no input can crash or exhaust it.
 */
#ifndef MMSIM_TOOLS_LIB_JSON_H
#define MMSIM_TOOLS_LIB_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 32
#define JSON_MAX_INPUT (64u << 20)

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	int line, col;
	bool b;
	bool is_u64;		/* a non-negative integer that fits */
	uint64_t u64;
	char *s;		/* string value, or object member key */
	struct json *kids;	/* array elements or object members */
	int nkids, cap;
	char *key;		/* as a member of an object */
};

/*
 * Parse @len bytes at @text.  Returns the tree, or NULL with
 * "line:col: error: what" in @err.
 */
struct json *json_parse(const char *text, size_t len, char *err,
			size_t errlen);
void json_free(struct json *j);
/* Member @key of object @j, or NULL. */
const struct json *json_get(const struct json *j, const char *key);

#endif /* MMSIM_TOOLS_LIB_JSON_H */
