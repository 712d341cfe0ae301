/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole-scenario checks, run once the text has parsed: every name is
 * declared once and used as declared, every number and range is sane,
 * every limit holds.  Fills in the defaults the model relies on.
 *
 * validate.c checks the declarations, validate_ops.c the operations;
 * both share the helpers below.
 */
#ifndef MMSIM_SCENARIO_VALIDATE_H
#define MMSIM_SCENARIO_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/diag.h"
#include "scenario/parser.h"

#define SCN_MAX_NAMES 256	/* of each kind: files, processes, mmus */
#define SCN_MAX_MAPS 1024

/* A set of declared names: an array of nodes with a scn_name inside. */
struct scn_ns {
	const char *what;	/* "process", "file"... */
	const void *base;
	int n;
	size_t stride, off;
};

#define SCN_NS(what, arr, n, type) \
	((struct scn_ns){ what, arr, n, sizeof(type), offsetof(type, name) })

struct scn_vctx {
	struct scn_scenario *s;
	const struct scn_opts *o;
	struct scn_diag *d;
	struct scn_ns procs, forked, files, mmus;
	struct scn_name *forks;	/* children of fork ops, source order */
	int nforks, cap_forks;
};

void scn_validate(struct scn_scenario *s, const struct scn_opts *opts,
		  struct scn_diag *d);

/* Index of @name in @ns (first @limit entries, -1: all), or -1. */
int scn_ns_find(const struct scn_ns *ns, const char *name, int limit);
const struct scn_name *scn_ns_name(const struct scn_ns *ns, int i);
/*
 * Check that @ref names an entry of @a (or of @b, may be NULL); report
 * "undefined WHAT" with a suggestion otherwise.  Returns the index in
 * @a, a->n + index in @b, or -1.
 */
int scn_lookup(struct scn_vctx *v, const struct scn_name *ref,
	       const struct scn_ns *a, const struct scn_ns *b);

/*
 * ADDR [+LEN]: aligned to @align, non-empty, not wrapping, inside the
 * user address space.  @len may be NULL (a single page at @addr).
 */
bool scn_check_range(struct scn_vctx *v, const struct scn_num *addr,
		     const struct scn_num *len, uint64_t align);
/* The backing of a mapping; returns the alignment it requires. */
uint64_t scn_check_mapspec(struct scn_vctx *v, const struct scn_mapspec *m,
			   const struct scn_num *len);

void scn_validate_ops(struct scn_vctx *v);
void scn_collect_forks(struct scn_vctx *v);

#endif /* MMSIM_SCENARIO_VALIDATE_H */
