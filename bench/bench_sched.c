// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cost of a scheduling point.
 *
 *   no switch: one runnable thread loops sim_point(): the inline fast path.
 *   switch:    two threads and a strategy that always picks the other one,
 *              so every point is a strategy call, a decision-log append
 *              and a context switch.
 *   random:    two threads under the random strategy (a switch at about
 *              half the points): what an exploration run pays.
 *
 * Usage: bench_sched [quick|full].  Prints a table on stderr and a JSON
 * fragment ("engine": {...}) on stdout for bench/run.sh to merge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/sim.h"
#include "sim/strategy.h"

#define NRUNS 7

static long points_per_thread;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void looper(void *arg)
{
	for (long i = 0; i < points_per_thread; i++)
		sim_point();
}

static int alternate_pick(struct sim_strategy *s, sim_mask_t runnable,
			  int cur)
{
	sim_mask_t others = cur >= 0 ? runnable & ~sim_bit(cur) : runnable;

	return __builtin_ctzll(others ? others : runnable);
}

static struct sim_strategy alternate = {
	.name = "alternate",
	.pick = alternate_pick,
};

static struct sim_random random_strategy;

/* One run; returns ns per scheduling point. */
static double run_once(struct sim_strategy *s, int nthreads)
{
	struct sim_config cfg = { .strategy = s };
	double t0, t1;

	sim_reset(&cfg);
	for (int i = 0; i < nthreads; i++)
		sim_thread_create("looper", looper, NULL, -1);
	t0 = now_ns();
	if (sim_run() != SIM_OK) {
		fprintf(stderr, "bench_sched: run failed: %s\n",
			sim.violation.msg);
		exit(1);
	}
	t1 = now_ns();
	if (s == &alternate && nthreads > 1 &&
	    sim.switches < (uint64_t)points_per_thread) {
		fprintf(stderr, "bench_sched: only %llu switches\n",
			(unsigned long long)sim.switches);
		exit(1);
	}
	return (t1 - t0) / ((double)points_per_thread * nthreads);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct figure {
	double median, min, max;
};

static struct figure measure(struct sim_strategy *s, int nthreads)
{
	double v[NRUNS];
	struct figure f;

	run_once(s, nthreads);	/* warm up: stacks, decision-log room */
	for (int i = 0; i < NRUNS; i++)
		v[i] = run_once(s, nthreads);
	qsort(v, NRUNS, sizeof(v[0]), cmp_double);
	f.median = v[NRUNS / 2];
	f.min = v[0];
	f.max = v[NRUNS - 1];
	return f;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "full";
	struct figure none, sw, rnd;

	if (strcmp(mode, "quick") && strcmp(mode, "full")) {
		fprintf(stderr, "usage: bench_sched [quick|full]\n");
		return 2;
	}
	points_per_thread = strcmp(mode, "quick") ? 20000000 : 2000000;
	sim_random_init(&random_strategy, 1);
	none = measure(&alternate, 1);
	sw = measure(&alternate, 2);
	rnd = measure(&random_strategy.s, 2);
	sim_shutdown();

	fprintf(stderr, "engine (%s, %ld points/thread, median of %d)\n",
		mode, points_per_thread, NRUNS);
	fprintf(stderr, "  %-28s %8s %8s %8s\n", "ns per point", "median",
		"min", "max");
	fprintf(stderr, "  %-28s %8.2f %8.2f %8.2f\n", "no switch (1 thread)",
		none.median, none.min, none.max);
	fprintf(stderr, "  %-28s %8.2f %8.2f %8.2f\n",
		"switch (2 threads, alternate)", sw.median, sw.min, sw.max);
	fprintf(stderr, "  %-28s %8.2f %8.2f %8.2f\n",
		"random (2 threads)", rnd.median, rnd.min, rnd.max);

	printf("\"engine\": {\"mode\": \"%s\", \"runs\": %d, "
	       "\"points_per_thread\": %ld,\n"
	       " \"point_no_switch_ns\": {\"median\": %.2f, \"min\": %.2f, "
	       "\"max\": %.2f},\n"
	       " \"point_switch_ns\": {\"median\": %.2f, \"min\": %.2f, "
	       "\"max\": %.2f},\n"
	       " \"point_random_ns\": {\"median\": %.2f, \"min\": %.2f, "
	       "\"max\": %.2f}}",
	       mode, NRUNS, points_per_thread, none.median, none.min,
	       none.max, sw.median, sw.min, sw.max, rnd.median, rnd.min,
	       rnd.max);
	return 0;
}
