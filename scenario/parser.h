/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario language front end: read a .mms file (or a buffer), splice
 * its includes, parse it into the AST of scenario/ast.h and check it
 * (docs/scenario.md lists every rule).  Nothing here runs a scenario.
 *
 * Errors are printed to the caller's FILE * as
 *	file:line:col: error: what was expected, found what
 *	    the source line
 *	    ^~~~ under the token
 * and counted; parsing stops after scn_opts.max_errors of them.
 */
#ifndef MMSIM_SCENARIO_PARSER_H
#define MMSIM_SCENARIO_PARSER_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario/ast.h"

#define SCN_MAX_INPUT (1u << 20)	/* bytes, all includes together */
#define SCN_MAX_TOKEN 256		/* bytes in one token */
#define SCN_MAX_INCLUDE_DEPTH 16
#define SCN_MAX_ERRORS 20
#define SCN_MAX_THREADS 60
#define SCN_MAX_CPUS 64
#define SCN_MAX_REPEAT 1000000		/* runs of a body, nests included */
#define SCN_MAX_NESTING 8		/* repeat inside repeat */
#define SCN_USER_TOP (1ull << 47)	/* end of the x86-64 user half */

/*
 * Finds the text of "include NAME" met in source @from.  Fills @out with
 * a malloc()ed name and buffer, which the parser takes over, and returns
 * 0; or returns -1 after writing why into @why (a short phrase such as
 * "no such file").
 */
typedef int (*scn_resolve_fn)(void *arg, const char *from, const char *name,
			      struct scn_source *out, char *why,
			      size_t whylen);

struct scn_opts {
	/* NULL-terminated names the model knows; NULL: not checked. */
	const char *const *eras;
	const char *const *violations;
	/* NULL: files on disk, relative to the including file. */
	scn_resolve_fn resolve;
	void *resolve_arg;
	int max_errors;			/* 0: SCN_MAX_ERRORS */
};

/*
 * Parse and check a scenario.  Returns the number of errors; on 0, *@out
 * is the scenario (free it with scn_free()), otherwise *@out is NULL.
 * @opts may be NULL.
 */
int scn_parse_file(const char *path, const struct scn_opts *opts,
		   struct scn_scenario **out, FILE *err);
int scn_parse_buffer(const char *name, const char *buf, size_t len,
		     const struct scn_opts *opts, struct scn_scenario **out,
		     FILE *err);
void scn_free(struct scn_scenario *s);

/* Print @s back as a .mms file in canonical form (one statement a line). */
void scn_print(FILE *f, const struct scn_scenario *s);

/*
 * Report an error found later (by the model) at @pos of @s, in the same
 * format as the parser's own errors.
 */
__attribute__((format(printf, 4, 5))) void
scn_report(FILE *f, const struct scn_scenario *s, struct scn_pos pos,
	   const char *fmt, ...);

/* @v as the language writes sizes: 4K, 2M, 1G, or plain bytes. */
const char *scn_fmt_size(uint64_t v, char *buf, size_t len);

/* The resolver used when scn_opts.resolve is NULL. */
int scn_resolve_disk(void *arg, const char *from, const char *name,
		     struct scn_source *out, char *why, size_t whylen);

#endif /* MMSIM_SCENARIO_PARSER_H */
