/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error reporting shared by the lexer, parser and validator: counts the
 * errors, quotes the source line with a caret, stops at the limit.
 */
#ifndef MMSIM_SCENARIO_DIAG_H
#define MMSIM_SCENARIO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "scenario/ast.h"

struct scn_diag {
	FILE *out;			/* NULL: count only */
	const struct scn_scenario *s;	/* whose sources to quote */
	int errors;
	int max;
	bool stopped;			/* the limit was reached */
};

__attribute__((format(printf, 3, 4))) void
scn_error(struct scn_diag *d, struct scn_pos pos, const char *fmt, ...);

void scn_vreport(FILE *f, const struct scn_scenario *s, struct scn_pos pos,
		 const char *fmt, va_list ap);

#endif /* MMSIM_SCENARIO_DIAG_H */
