// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bounded DFS with sleep sets.
 *
 * Why putting only the current thread c to sleep keeps the bound sound.
 * Take a schedule S from a choice point, within the bound, whose first
 * step is a != c, and suppose c's next step commutes with every step
 * before it in S: S = a..x c y.. is equivalent to S' = c a..x y.., which
 * the c branch explores.  Only the switches around c's step differ; a
 * switch from u to v != u is a preemption when u could still run, [u]:
 *   S  pays  c->a: 1 (c could run here)  x->c: [x]  c->y: [c] if y != c
 *   S' pays  c->a: [c]                   x->y: at most [x]
 * ([c]: c could run after its step, the same in both orders), so
 * S' - S <= [c] - 1 - [c] when y != c, and <= [c] - 1 when y is c:
 * never positive.  S is covered within the bound by S' (and inductively
 * by what c's branch explores after it).  Putting an earlier sibling u != c to sleep has no
 * such argument: moving u's step to the front of a..x u u.. adds the
 * switch u->a that S did not pay, which is how preemption bounding and
 * partial-order reduction are known to clash (Coons, Musuvathi and
 * McKinley, OOPSLA 2013).  dfs_sleep_all_siblings() does it anyway, for
 * tests: on random programs it loses outcomes under a bound (most of
 * them, at 1 or 2 preemptions) and none without one.  When the point's thread cannot run (it
 * blocked or ended), no thread is put to sleep from it.
 */
#include <stdlib.h>
#include <string.h>

#include "explore/dfs.h"

static bool is_preemption(const struct dfs_point *p, int id)
{
	return p->cur >= 0 && id != p->cur && (p->runnable & sim_bit(p->cur));
}

static int default_choice(sim_mask_t avail, int cur)
{
	if (cur >= 0 && (avail & sim_bit(cur)))
		return cur;
	return __builtin_ctzll(avail);
}

/* Array @v of @size-byte elements, its capacity *@cap doubled. */
static void *grow(void *v, size_t *cap, size_t size)
{
	size_t n = *cap ? *cap * 2 : 256;

	v = realloc(v, n * size);
	if (!v)
		abort();
	*cap = n;
	return v;
}

/*
 * The step just chosen at a point reached with @nobj objects numbered,
 * kept to be compared with the steps of later runs (footprint.h).
 */
static void keep_step(struct sim_footprint *out, uint32_t nobj)
{
	*out = sim_fp_first_done ? sim_fp_first : sim_fp_cur;
	sim_fp_forget_new(out, nobj);
}

static void keep_dflt_fp(struct dfs_point *p)
{
	keep_step(&p->dflt_fp, p->nobj);
}

/* all_siblings: keep the first step of the branch taken at point @i */
static void keep_sibling(struct dfs *d, size_t i)
{
	struct dfs_point *p = &d->stack[i];
	struct dfs_sib *e;

	if (p->sib_kept)
		return;
	if (d->nsib == d->cap_sib)
		d->sib = grow(d->sib, &d->cap_sib, sizeof(*d->sib));
	e = &d->sib[d->nsib++];
	e->point = (uint32_t)i;
	e->thread = p->chosen;
	keep_step(&e->fp, p->nobj);
	p->sib_kept = true;
}

static const struct sim_footprint *sleeper_fp(const struct dfs *d,
					      uint32_t src)
{
	return d->all_siblings ? &d->sib[src].fp : &d->stack[src].dflt_fp;
}

/* all_siblings: the other explored branches of point @i sleep */
static sim_mask_t siblings_asleep(struct dfs *d, size_t i)
{
	struct dfs_point *p = &d->stack[i];
	sim_mask_t s = 0;

	for (size_t j = d->nsib; j-- > 0 && d->sib[j].point == i;) {
		int t = d->sib[j].thread;

		if (t == p->chosen || (sim_fp_ran & sim_bit(t)))
			continue;
		s |= sim_bit(t);
		p->src[t] = (uint32_t)j;
	}
	return s;
}

/* Who sleeps, and whose footprint says until when (src: its point). */
struct sleepers {
	sim_mask_t mask;
	uint32_t *src;
};

/*
 * What ran since point @i was chosen is in sim_fp_cur and sim_fp_ran:
 * keep it if it was c's step, and work out who sleeps now into @out.
 */
static void who_sleeps(struct dfs *d, size_t i, struct sleepers *out)
{
	struct dfs_point *prev = &d->stack[i];
	sim_mask_t s = prev->sleep & ~sim_fp_ran;

	if (d->all_siblings)
		keep_sibling(d, i);
	else if (prev->dflt >= 0 && prev->chosen == prev->dflt)
		keep_dflt_fp(prev);
	out->mask = 0;
	if (!d->sleep_sets)
		return;
	if (d->all_siblings) {
		s |= siblings_asleep(d, i);
	} else if (prev->dflt >= 0 && prev->chosen != prev->dflt &&
		   !(sim_fp_ran & sim_bit(prev->dflt))) {
		s |= sim_bit(prev->dflt);
		prev->src[prev->dflt] = (uint32_t)i;
	}
	while (s) {
		int t = __builtin_ctzll(s);

		s &= s - 1;
		if (sim_fp_conflict(sleeper_fp(d, prev->src[t]), &sim_fp_cur))
			continue;
		out->mask |= sim_bit(t);
		out->src[t] = prev->src[t];
	}
}

/*
 * The only runnable thread is about to run without a choice.  If it
 * sleeps, this run only reorders one explored already: cut it.
 */
static bool dfs_forced(struct sim_strategy *s, int id)
{
	struct dfs *d = (struct dfs *)s;
	uint32_t src[SIM_MAX_THREADS];
	struct sleepers z = { 0, src };

	if (!d->pos || d->pos < d->fixed)
		return true;
	who_sleeps(d, d->pos - 1, &z);
	if (!(z.mask & sim_bit(id)))
		return true;
	return false;
}

static int dfs_pick(struct sim_strategy *s, sim_mask_t runnable, int cur)
{
	struct dfs *d = (struct dfs *)s;
	struct dfs_point *p;
	sim_mask_t avail;
	int id;

	if (d->pos < d->fixed) {
		p = &d->stack[d->pos++];
		if (p->runnable != runnable || p->cur != cur)
			d->diverged = true;
		return p->chosen;
	}
	if (d->pos == d->cap)
		d->stack = grow(d->stack, &d->cap, sizeof(*d->stack));
	p = &d->stack[d->pos];
	p->runnable = runnable;
	p->cur = (int16_t)cur;
	p->preemptions = 0;
	p->sleep = 0;
	p->nobj = sim_fp_objects();
	if (d->pos) {
		struct dfs_point *prev = &d->stack[d->pos - 1];
		struct sleepers z = { 0, p->src };

		p->preemptions = prev->preemptions +
				 is_preemption(prev, prev->chosen);
		who_sleeps(d, d->pos - 1, &z);
		p->sleep = z.mask;
	}
	avail = runnable & ~p->sleep;
	id = avail ? default_choice(avail, cur) : -1;
	/* Everything left repeats explored schedules, or needs a preemption
	 * the bound does not allow (the current thread sleeps). */
	if (id < 0 || p->preemptions + is_preemption(p, id) > d->bound) {
		d->len = d->pos;
		return SIM_PICK_PRUNE;
	}
	p->chosen = (uint8_t)id;
	p->tried = sim_bit(id) | p->sleep;
	p->sib_kept = false;
	p->dflt = -1;
	if (d->sleep_sets && !d->all_siblings && id == cur)
		p->dflt = (int16_t)cur;
	d->pos++;
	d->len = d->pos;
	return id;
}

static void dfs_begin(struct sim_strategy *s)
{
	struct dfs *d = (struct dfs *)s;

	d->pos = 0;
}

int dfs_init(struct dfs *d, int preemption_bound, bool sleep_sets)
{
	memset(d, 0, sizeof(*d));
	d->s.name = "dfs";
	d->s.pick = dfs_pick;
	d->s.begin = dfs_begin;
	d->s.wants_footprints = sleep_sets;
	if (sleep_sets)
		d->s.forced = dfs_forced;
	d->bound = preemption_bound;
	d->sleep_sets = sleep_sets;
	return 0;
}

void dfs_sleep_all_siblings(struct dfs *d)
{
	d->all_siblings = true;
}

void dfs_free(struct dfs *d)
{
	free(d->stack);
	free(d->sib);
	d->stack = NULL;
	d->sib = NULL;
}

bool dfs_next(struct dfs *d)
{
	size_t len = d->pos;

	/* the last point's step ran to the end of the run */
	if (len && len >= d->fixed) {
		struct dfs_point *last = &d->stack[len - 1];

		if (d->all_siblings)
			keep_sibling(d, len - 1);
		else if (last->dflt >= 0 && last->chosen == last->dflt)
			keep_dflt_fp(last);
	}
	while (len > 0) {
		struct dfs_point *p = &d->stack[len - 1];
		sim_mask_t left = p->runnable & ~p->tried;

		while (left) {
			int id = __builtin_ctzll(left);

			left &= left - 1;
			p->tried |= sim_bit(id);
			if (p->preemptions + is_preemption(p, id) <= d->bound) {
				p->chosen = (uint8_t)id;
				p->sib_kept = false;
				/* the deeper points' branches are gone */
				while (d->nsib && d->sib[d->nsib - 1].point >= len)
					d->nsib--;
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
