/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every allocation a scenario makes is chained to it and freed at once by
 * scn_free(): the parser can give up anywhere without unwinding.  Blocks
 * stay separate mallocs so that ASan still sees each one's bounds.
 */
#ifndef MMSIM_SCENARIO_ALLOC_H
#define MMSIM_SCENARIO_ALLOC_H

#include <stddef.h>

#include "scenario/ast.h"

/* Zeroed memory owned by @s; aborts when the host is out of memory. */
void *scn_alloc(struct scn_scenario *s, size_t size);
char *scn_strndup(struct scn_scenario *s, const char *p, size_t len);

/*
 * Append a zeroed element to the array *@v of *@n elements (capacity
 * *@cap) and return it.  The old block is left to scn_free().
 */
void *scn_push(struct scn_scenario *s, void *v, int *n, int *cap,
	       size_t size);

#define SCN_PUSH(s, arr, n, cap) \
	((__typeof__(arr))scn_push((s), &(arr), &(n), &(cap), sizeof(*(arr))))

#endif /* MMSIM_SCENARIO_ALLOC_H */
