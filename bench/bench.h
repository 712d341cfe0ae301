/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every benchmark needs: a clock, a figure (median, min, max of
 * repeated runs) and a model machine driven by one simulated thread.
 *
 * Header-only on purpose: each bench/<name>.c is linked alone against
 * libmmsim.a (see the Makefile), so shared code lives in static inlines.
 */
#ifndef MMSIM_BENCH_BENCH_H
#define MMSIM_BENCH_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/tlb_batch.h"
#include "sim/lock.h"
#include "sim/sim.h"
#include "sim/strategy.h"

/* Every figure is the median of at least this many runs. */
#define BENCH_MIN_RUNS 5

struct figure {
	double median, min, max;
};

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts @v in place. */
static inline struct figure figure_of(double *v, int n)
{
	struct figure f;

	qsort(v, (size_t)n, sizeof(*v), bench_cmp_double);
	f.median = n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	f.min = v[0];
	f.max = v[n - 1];
	return f;
}

static inline bool bench_is_quick(int argc, char **argv, const char *name)
{
	const char *mode = argc > 1 ? argv[1] : "full";

	if (strcmp(mode, "quick") && strcmp(mode, "full")) {
		fprintf(stderr, "usage: %s [quick|full]\n", name);
		exit(2);
	}
	return !strcmp(mode, "quick");
}

/*
 * Build a fresh model machine.  Oracles are always on: check_init runs
 * inside machine_init, and every CPU access goes through check/.
 */
static inline void bench_machine(const struct machine_config *mc)
{
	if (machine_init(mc)) {
		fprintf(stderr, "bench: machine_init failed\n");
		exit(1);
	}
	swap_init(mc->swap_pages);
	tlb_batch_reset();
}

/*
 * Run @fn as the only simulated thread, on CPU 0: no other runnable
 * thread, so no scheduling choice (no exploration), but the model's
 * locks and scheduling points are all there.
 */
static inline void bench_run_thread(void (*fn)(void *), void *arg)
{
	struct sim_replay rp;
	struct sim_config cfg = { .strategy = &rp.s };

	sim_replay_init(&rp, NULL, 0);
	sim_reset(&cfg);
	lock_reset();
	sim_thread_create("bench", fn, arg, 0);
	if (sim_run() != SIM_OK) {
		fprintf(stderr, "bench: %s: %s\n", sim.violation.kind,
			sim.violation.msg);
		exit(1);
	}
}

static inline void bench_json_figure(const char *key, struct figure f,
				     const char *sep)
{
	printf("\"%s\": {\"median\": %.2f, \"min\": %.2f, \"max\": %.2f}%s",
	       key, f.median, f.min, f.max, sep);
}

#endif /* MMSIM_BENCH_BENCH_H */
