// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sleep sets: the DFS with them reaches exactly the outcomes the plain
 * bounded DFS reaches (run_fingerprint: the violation, or the machine's
 * final state), in no more schedules.  A model access that records no
 * footprint would let the reduction skip a reordering that matters, and
 * an outcome only the plain search reaches would show it here.
 */
#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/dfs.h"
#include "explore/fingerprint.h"
#include "mm/machine.h"
#include "tests/tap.h"
#include "tools/lib/cli.h"

#define RUN_BUDGET 200000

struct outcomes {
	uint64_t *v;
	size_t n, cap;
	uint64_t runs, pruned;
	bool complete;
};

static void add(struct outcomes *o, uint64_t fp)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i] == fp)
			return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = realloc(o->v, o->cap * sizeof(*o->v));
		if (!o->v)
			abort();
	}
	o->v[o->n++] = fp;
}

static bool has(const struct outcomes *o, uint64_t fp)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i] == fp)
			return true;
	return false;
}

static void search(const struct world_spec *w, const struct run_options *ro,
		   int bound, bool sleep_sets, struct outcomes *o)
{
	struct dfs d;
	struct run_result r;

	memset(o, 0, sizeof(*o));
	dfs_init(&d, bound, sleep_sets);
	for (uint64_t i = 0; i < RUN_BUDGET; i++) {
		if (world_run(w, ro, &d.s, &r)) {
			TAP_FAIL("world_run failed on run %llu",
				 (unsigned long long)i);
			break;
		}
		if (r.outcome == SIM_PRUNED)
			o->pruned++;
		else {
			o->runs++;
			add(o, run_fingerprint(&r));
		}
		if (!dfs_next(&d)) {
			o->complete = true;
			break;
		}
	}
	dfs_free(&d);
}

/* A scenario by name, as mmsim finds it (tools/lib/source.c). */
static int load(const char *name, const struct era *era,
		struct world_spec *w)
{
	struct scn_ref ref;
	int ret = scn_ref_resolve(name, &ref);

	if (!ret)
		ret = scn_ref_load(&ref, era, w);
	if (ret)
		TAP_FAIL("scenario %s does not load", name);
	return ret;
}

/* Both searches cover the bound; returns plain runs - reduced runs. */
static int64_t compare(const char *scenario, const char *era, uint64_t bugs,
		       int bound)
{
	struct run_options ro = { .era = era_find(era), .bugs = bugs,
				  .max_steps = 100000 };
	struct outcomes plain, reduced;
	struct world_spec w;
	int64_t saved;

	CHECK(ro.era != NULL);
	if (!ro.era || load(scenario, ro.era, &w))
		return 0;
	search(&w, &ro, bound, false, &plain);
	search(&w, &ro, bound, true, &reduced);
	printf("# %-28s %-6s P=%d: %llu schedules, %zu outcomes; "
	       "with sleep sets %llu (+%llu cut), %zu outcomes\n",
	       scenario, era, bound, (unsigned long long)plain.runs, plain.n,
	       (unsigned long long)reduced.runs,
	       (unsigned long long)reduced.pruned, reduced.n);
	CHECK(plain.complete);
	CHECK(reduced.complete);
	CHECK_U64(reduced.runs, <=, plain.runs);
	CHECK_U64(reduced.n, ==, plain.n);
	for (size_t i = 0; i < plain.n; i++)
		if (!has(&reduced, plain.v[i]))
			TAP_FAIL("%s %s P=%d: outcome %#llx only without "
				 "sleep sets", scenario, era, bound,
				 (unsigned long long)plain.v[i]);
	saved = (int64_t)plain.runs - (int64_t)reduced.runs;
	free(plain.v);
	free(reduced.v);
	world_spec_free(&w);
	return saved;
}

/*
 * A cross-section that runs in seconds; MMSIM_SLEEP_SETS_FULL=1 runs
 * every example scenario in three eras (minutes: docs/performance.md).
 */
static void same_outcomes_seed_scenarios(void)
{
	static const char *const quick[][2] = {
		{ "pmd-share-migrate", "v4.4" },
		{ "pmd-share-migrate", "v4.19" },
		{ "pmd-share-migrate", "v6.18" },
		{ "pmd-share-migrate-iommu", "v4.4" },
		{ "pmd-share-poison", "v4.19" },
		{ "hugetlb-mprotect", "v6.18" },
	};
	static const char *const all[] = {
		"pmd-share-migrate",	   "pmd-share-migrate-iommu",
		"pmd-share-migrate-kvm",   "pmd-share-migrate-odp",
		"pmd-share-poison",	   "reclaim-mprotect",
		"reclaim-deferred-flush",  "thp-split-mmu",
		"hugetlb-mprotect",	   "munmap-odp-shared",
		"thp-migrate-kvm",
	};
	static const char *const eras[] = { "v4.4", "v4.19", "v6.18" };
	const char *full = getenv("MMSIM_SLEEP_SETS_FULL");

	if (!full || strcmp(full, "1")) {
		for (size_t i = 0; i < sizeof(quick) / sizeof(quick[0]); i++)
			compare(quick[i][0], quick[i][1], 0, 1);
		return;
	}
	for (size_t s = 0; s < sizeof(all) / sizeof(all[0]); s++)
		for (size_t e = 0; e < 3; e++)
			compare(all[s], eras[e], 0, 1);
}

static void same_outcomes_two_preemptions(void)
{
	compare("reclaim-mprotect", "v4.4", 0, 2);
}

static void same_outcomes_bug_switches(void)
{
	for (int i = 0; i < NR_BUG_SWITCHES; i++) {
		const struct bug_info *b = &bug_table[i];
		const struct era *e = bug_first_era(b);

		CHECK(e != NULL);
		if (e)
			compare(b->scenario, e->name, 1ull << i, 1);
	}
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(same_outcomes_seed_scenarios),
	 TEST(same_outcomes_two_preemptions),
	 TEST(same_outcomes_bug_switches), TEST(cleanup))
