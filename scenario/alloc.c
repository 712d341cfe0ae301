// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/alloc.h"
#include "scenario/parser.h"

struct scn_alloc {
	struct scn_alloc *next;
	max_align_t data[];
};

void *scn_alloc(struct scn_scenario *s, size_t size)
{
	struct scn_alloc *a = calloc(1, sizeof(*a) + size);

	if (!a) {
		fprintf(stderr, "mmsim: out of memory parsing a scenario\n");
		abort();
	}
	a->next = s->alloc;
	s->alloc = a;
	return a->data;
}

char *scn_strndup(struct scn_scenario *s, const char *p, size_t len)
{
	char *d = scn_alloc(s, len + 1);

	memcpy(d, p, len);
	return d;
}

void *scn_push(struct scn_scenario *s, void *v, int *n, int *cap,
	       size_t size)
{
	void **arr = v;
	char *elem;

	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		void *nv = scn_alloc(s, (size_t)ncap * size);

		if (*n)
			memcpy(nv, *arr, (size_t)*n * size);
		*arr = nv;
		*cap = ncap;
	}
	elem = (char *)*arr + (size_t)(*n)++ * size;
	return elem;
}

void scn_free(struct scn_scenario *s)
{
	struct scn_alloc *a, *next;

	if (!s)
		return;
	for (a = s->alloc; a; a = next) {
		next = a->next;
		free(a);
	}
	free(s);
}
