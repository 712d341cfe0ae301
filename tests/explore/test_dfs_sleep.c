// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sleep-set DFS on small random programs of the engine's own
 * primitives (atomics, mutexes): under every preemption bound it reaches
 * the same outcomes as the plain bounded DFS (each thread's reads and
 * the final values), in no more schedules; independent threads are
 * explored once.  A control run with an access that records no footprint
 * shows that the comparison catches a missing touch.
 */
#include "explore/dfs.h"
#include "sim/atomic.h"
#include "sim/lock.h"
#include "sim/rand.h"
#include "tests/tap.h"

#define NVARS 3
#define MAXT 3
#define MAXOPS 8
#define NPROGS 300
#define RUN_BUDGET 100000

static int run_budget = RUN_BUDGET;

enum op_kind { OP_READ, OP_WRITE, OP_ADD, OP_LOCK, OP_UNLOCK, OP_RAW_WRITE };

struct op {
	uint8_t kind, var, val;
};

struct prog {
	int nthreads;
	int nops[MAXT];
	struct op ops[MAXT][MAXOPS];
};

static atomic_t vars[NVARS];
static int raw_var;
static struct mutex mtx;
static struct lock_class mtx_class = { .name = "test_mtx" };
static uint64_t seen[MAXT];
static const struct prog *cur_prog;

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

static void thread_fn(void *arg)
{
	int t = (int)(intptr_t)arg;

	for (int i = 0; i < cur_prog->nops[t]; i++) {
		const struct op *o = &cur_prog->ops[t][i];

		switch (o->kind) {
		case OP_READ:
			seen[t] = mix(seen[t], (uint64_t)atomic_read(
						       &vars[o->var]));
			break;
		case OP_WRITE:
			atomic_set(&vars[o->var], o->val);
			break;
		case OP_ADD:
			seen[t] = mix(seen[t],
				      (uint64_t)atomic_add_return(
					      o->val, &vars[o->var]));
			break;
		case OP_LOCK:
			mutex_lock(&mtx);
			break;
		case OP_UNLOCK:
			mutex_unlock(&mtx);
			break;
		case OP_RAW_WRITE:
			/* a store that records no footprint: the control */
			sim_point();
			raw_var = raw_var * 3 + o->val;
			break;
		}
	}
}

/* Random ops; a thread holds the mutex around at most one stretch. */
static void gen_sized(struct prog *p, uint64_t seed, bool raw, int maxops,
		      int maxt)
{
	struct sim_rand r;

	sim_rand_seed(&r, seed);
	p->nthreads = 2 + (int)sim_rand_below(&r, (uint32_t)maxt - 1);
	for (int t = 0; t < p->nthreads; t++) {
		int n = 2 + (int)sim_rand_below(&r, (uint32_t)maxops - 3);
		int lo = (int)sim_rand_below(&r, (uint32_t)n + 1);
		int hi = lo + 1 + (int)sim_rand_below(&r, 2);
		int k = 0;

		for (int i = 0; i < n; i++) {
			struct op *o;

			if (i == lo)
				p->ops[t][k++] = (struct op){ OP_LOCK, 0, 0 };
			o = &p->ops[t][k++];
			o->kind = (uint8_t)sim_rand_below(&r, 3);
			if (raw && !sim_rand_below(&r, 3))
				o->kind = OP_RAW_WRITE;
			o->var = (uint8_t)sim_rand_below(&r, NVARS);
			o->val = (uint8_t)(1 + sim_rand_below(&r, 5));
			if (lo < n && i == (hi < n ? hi : n) - 1)
				p->ops[t][k++] = (struct op){ OP_UNLOCK, 0, 0 };
		}
		p->nops[t] = k;
	}
}

static void gen(struct prog *p, uint64_t seed, bool raw)
{
	gen_sized(p, seed, raw, MAXOPS, MAXT);
}

static uint64_t run(struct dfs *d, int *outcome)
{
	struct sim_config cfg = { .max_steps = 10000, .strategy = &d->s };
	uint64_t h = 0;

	sim_reset(&cfg);
	for (int i = 0; i < NVARS; i++)
		vars[i].counter = 0;
	raw_var = 0;
	mutex_init(&mtx, &mtx_class, "mtx");
	for (int t = 0; t < cur_prog->nthreads; t++) {
		seen[t] = 0;
		sim_thread_create("t", thread_fn, (void *)(intptr_t)t, -1);
	}
	*outcome = sim_run();
	for (int i = 0; i < NVARS; i++)
		h = mix(h, (uint64_t)vars[i].counter);
	h = mix(h, (uint64_t)raw_var);
	for (int t = 0; t < cur_prog->nthreads; t++)
		h = mix(h, seen[t]);
	return mix(h, (uint64_t)*outcome);
}

struct outcomes {
	uint64_t v[4096];
	int n;
	uint64_t runs;
};

static void add(struct outcomes *o, uint64_t fp)
{
	for (int i = 0; i < o->n; i++)
		if (o->v[i] == fp)
			return;
	if (o->n < 4096)
		o->v[o->n++] = fp;
}

enum mode { PLAIN, SLEEP, ALL_SIBLINGS };

static bool search_mode(int bound, enum mode m, struct outcomes *o)
{
	struct dfs d;
	bool done = false;

	o->n = 0;
	o->runs = 0;
	dfs_init(&d, bound, m != PLAIN);
	if (m == ALL_SIBLINGS)
		dfs_sleep_all_siblings(&d);
	for (int i = 0; i < run_budget && !done; i++) {
		int outcome;
		uint64_t fp = run(&d, &outcome);

		if (outcome != SIM_PRUNED) {
			o->runs++;
			add(o, fp);
		}
		done = !dfs_next(&d);
	}
	dfs_free(&d);
	return done;
}

static bool search(int bound, bool sleep_sets, struct outcomes *o)
{
	return search_mode(bound, sleep_sets ? SLEEP : PLAIN, o);
}

static bool same(const struct outcomes *a, const struct outcomes *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++) {
		int j = 0;

		while (j < b->n && b->v[j] != a->v[i])
			j++;
		if (j == b->n)
			return false;
	}
	return true;
}

static struct outcomes plain, reduced;

/* Returns how many programs differ; checks the counts as it goes. */
static int compare_programs(bool raw, int bound, uint64_t *runs_plain,
			    uint64_t *runs_reduced)
{
	int differ = 0;

	for (uint64_t seed = 0; seed < NPROGS; seed++) {
		struct prog p;

		gen(&p, seed * 7919 + (uint64_t)bound, raw);
		cur_prog = &p;
		CHECK(search(bound, false, &plain));
		CHECK(search(bound, true, &reduced));
		CHECK_U64(reduced.runs, <=, plain.runs);
		*runs_plain += plain.runs;
		*runs_reduced += reduced.runs;
		if (!same(&plain, &reduced)) {
			differ++;
			if (!raw)
				TAP_FAIL("program %llu, bound %d: %d outcomes "
					 "without sleep sets, %d with",
					 (unsigned long long)seed, bound,
					 plain.n, reduced.n);
		}
	}
	return differ;
}

static void same_outcomes_every_bound(void)
{
	for (int bound = 0; bound <= 3; bound++) {
		uint64_t a = 0, b = 0;

		CHECK_INT(compare_programs(false, bound, &a, &b), ==, 0);
		printf("# bound %d: %llu schedules without sleep sets, %llu "
		       "with\n", bound, (unsigned long long)a,
		       (unsigned long long)b);
		if (bound >= 1)
			CHECK_U64(b, <, a);
	}
}

static void a_missing_touch_is_caught(void)
{
	uint64_t a = 0, b = 0;

	CHECK_INT(compare_programs(true, 2, &a, &b), >, 0);
}

/*
 * Two threads that share nothing.  Which one starts is a choice with no
 * current thread, where nothing sleeps (dfs.c); after that, one schedule
 * each, whatever the bound, while the plain search grows with it.
 */
static struct prog independent = {
	.nthreads = 2,
	.nops = { 4, 4 },
	.ops = { { { OP_ADD, 0, 1 }, { OP_ADD, 0, 1 }, { OP_READ, 0, 0 },
		   { OP_ADD, 0, 1 } },
		 { { OP_ADD, 1, 1 }, { OP_READ, 1, 0 }, { OP_ADD, 1, 2 },
		   { OP_WRITE, 1, 3 } } },
};

static void independent_threads_run_once(void)
{
	uint64_t last = 0;

	cur_prog = &independent;
	for (int bound = 0; bound <= 3; bound++) {
		CHECK(search(bound, true, &reduced));
		CHECK_U64(reduced.runs, ==, 2);
		CHECK_INT(reduced.n, ==, 1);
		CHECK(search(bound, false, &plain));
		CHECK_INT(plain.n, ==, 1);
		if (bound)
			CHECK_U64(plain.runs, >, last);
		last = plain.runs;
	}
}

/*
 * Why only the current thread sleeps (dfs.c): putting every explored
 * sibling to sleep, as plain sleep sets do, loses outcomes under a
 * preemption bound; without a bound it loses none.
 */
static int programs_losing_outcomes(int bound, int maxops, int maxt,
				    enum mode m)
{
	int lost = 0, compared = 0;

	for (uint64_t seed = 0; seed < NPROGS; seed++) {
		struct prog p;

		gen_sized(&p, seed * 104729 + 17, false, maxops, maxt);
		cur_prog = &p;
		/* a program too big to cover without a bound is skipped */
		if (!search_mode(bound, PLAIN, &plain) ||
		    !search_mode(bound, m, &reduced))
			continue;
		compared++;
		lost += !same(&plain, &reduced);
	}
	CHECK_INT(compared, >=, NPROGS / 3);
	return lost;
}

static void all_siblings_asleep_lose_outcomes_under_a_bound(void)
{
	int lost = 0;

	for (int bound = 1; bound <= 2; bound++) {
		int n = programs_losing_outcomes(bound, MAXOPS, MAXT,
						 ALL_SIBLINGS);

		printf("# bound %d, every sibling asleep: %d of %d programs "
		       "lose outcomes\n", bound, n, NPROGS);
		lost += n;
	}
	CHECK_INT(lost, >, 0);
}

static void all_siblings_asleep_lose_nothing_unbounded(void)
{
	/* small programs: a bound of 64 is no bound for them */
	run_budget = 5000;
	CHECK_INT(programs_losing_outcomes(64, 4, 3, ALL_SIBLINGS), ==, 0);
	CHECK_INT(programs_losing_outcomes(64, 6, 2, SLEEP), ==, 0);
	run_budget = RUN_BUDGET;
}

static void cleanup(void)
{
	sim_shutdown();
}

TAP_MAIN(TEST(same_outcomes_every_bound), TEST(a_missing_touch_is_caught),
	 TEST(independent_threads_run_once),
	 TEST(all_siblings_asleep_lose_outcomes_under_a_bound),
	 TEST(all_siblings_asleep_lose_nothing_unbounded), TEST(cleanup))
