/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "did you mean": the known name closest to a misspelt one, by edit
 * distance with transpositions (so "wirte" is one edit from "write").
 */
#ifndef MMSIM_SCENARIO_SUGGEST_H
#define MMSIM_SCENARIO_SUGGEST_H

#include <stddef.h>

struct scn_suggest {
	const char *word;
	const char *best;
	int best_d;
};

void scn_suggest_init(struct scn_suggest *sg, const char *word);
void scn_suggest_add(struct scn_suggest *sg, const char *cand);
/* Add every name of a NULL-terminated array. */
void scn_suggest_add_all(struct scn_suggest *sg, const char *const *cands);

/* "; did you mean 'x'?" or "" when nothing is close enough. */
const char *scn_suggest_hint(const struct scn_suggest *sg, char *buf,
			     size_t len);

/* Optimal string alignment distance, capped at @cap + 1. */
int scn_edit_distance(const char *a, const char *b, int cap);

#endif /* MMSIM_SCENARIO_SUGGEST_H */
