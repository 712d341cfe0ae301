// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "explore/dfs.h"

static bool is_preemption(const struct dfs_point *p, int id)
{
	return p->cur >= 0 && id != p->cur && (p->runnable & sim_bit(p->cur));
}

static int default_choice(sim_mask_t runnable, int cur)
{
	if (cur >= 0 && (runnable & sim_bit(cur)))
		return cur;
	return __builtin_ctzll(runnable);
}

static int dfs_pick(struct sim_strategy *s, sim_mask_t runnable, int cur)
{
	struct dfs *d = (struct dfs *)s;
	struct dfs_point *p;
	int id;

	if (d->pos < d->fixed) {
		p = &d->stack[d->pos++];
		if (p->runnable != runnable || p->cur != cur)
			d->diverged = true;
		return p->chosen;
	}
	if (d->pos == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		struct dfs_point *n = realloc(d->stack, cap * sizeof(*n));

		if (!n)
			abort();
		d->stack = n;
		d->cap = cap;
	}
	id = default_choice(runnable, cur);
	p = &d->stack[d->pos];
	p->runnable = runnable;
	p->cur = (int16_t)cur;
	p->chosen = (uint8_t)id;
	p->tried = sim_bit(id);
	p->preemptions = 0;
	if (d->pos) {
		struct dfs_point *prev = &d->stack[d->pos - 1];

		p->preemptions = prev->preemptions +
				 is_preemption(prev, prev->chosen);
	}
	d->pos++;
	d->len = d->pos;
	return id;
}

static void dfs_begin(struct sim_strategy *s)
{
	struct dfs *d = (struct dfs *)s;

	d->pos = 0;
}

int dfs_init(struct dfs *d, int preemption_bound)
{
	memset(d, 0, sizeof(*d));
	d->s.name = "dfs";
	d->s.pick = dfs_pick;
	d->s.begin = dfs_begin;
	d->bound = preemption_bound;
	return 0;
}

void dfs_free(struct dfs *d)
{
	free(d->stack);
	d->stack = NULL;
}

bool dfs_next(struct dfs *d)
{
	size_t len = d->pos;

	while (len > 0) {
		struct dfs_point *p = &d->stack[len - 1];
		sim_mask_t left = p->runnable & ~p->tried;

		while (left) {
			int id = __builtin_ctzll(left);

			left &= left - 1;
			p->tried |= sim_bit(id);
			if (p->preemptions + is_preemption(p, id) <= d->bound) {
				p->chosen = (uint8_t)id;
				d->fixed = len;
				d->len = len;
				return true;
			}
		}
		len--;
	}
	d->len = d->fixed = 0;
	return false;
}
