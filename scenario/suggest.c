// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"
#include "scenario/suggest.h"

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Three rolling rows: the transposition case looks two rows back.  Words
 * longer than a token cannot reach here, which bounds the rows.
 */
int scn_edit_distance(const char *a, const char *b, int cap)
{
	int la = (int)strlen(a), lb = (int)strlen(b);
	int rows[3][SCN_MAX_TOKEN + 1];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];

	if (abs(la - lb) > cap || la > SCN_MAX_TOKEN || lb > SCN_MAX_TOKEN)
		return cap + 1;
	for (int j = 0; j <= lb; j++)
		prev[j] = j;
	for (int i = 1; i <= la; i++) {
		int *t;

		cur[0] = i;
		for (int j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
		}
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > cap ? cap + 1 : prev[lb];
}

void scn_suggest_init(struct scn_suggest *sg, const char *word)
{
	sg->word = word;
	sg->best = NULL;
	sg->best_d = 0;
}

/* One edit for short words, two beyond: more suggests nonsense. */
static int allowed(const char *word)
{
	return strlen(word) <= 3 ? 1 : 2;
}

void scn_suggest_add(struct scn_suggest *sg, const char *cand)
{
	int cap = allowed(sg->word), d;

	if (!cand || !strcmp(cand, sg->word))
		return;
	d = scn_edit_distance(sg->word, cand, cap);
	if (d <= cap && (!sg->best || d < sg->best_d)) {
		sg->best = cand;
		sg->best_d = d;
	}
}

void scn_suggest_add_all(struct scn_suggest *sg, const char *const *cands)
{
	for (; cands && *cands; cands++)
		scn_suggest_add(sg, *cands);
}

const char *scn_suggest_hint(const struct scn_suggest *sg, char *buf,
			     size_t len)
{
	if (!sg->best)
		return "";
	snprintf(buf, len, "; did you mean '%s'?", sg->best);
	return buf;
}
