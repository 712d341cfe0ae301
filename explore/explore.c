// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exploration loop, in one process or split over worker processes.
 */
#include <errno.h>
#include <malloc.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "explore/dfs.h"
#include "explore/explore.h"
#include "explore/pct.h"
#include "explore/shrink.h"
#include "sim/strategy.h"

static const char *const strategy_names[] = {
	[STRATEGY_RANDOM] = "random",
	[STRATEGY_PCT] = "pct",
	[STRATEGY_DFS] = "dfs",
};

const char *strategy_name(int kind)
{
	return kind >= 0 && kind <= STRATEGY_DFS ? strategy_names[kind] : "?";
}

int strategy_parse(const char *name)
{
	for (int i = 0; i <= STRATEGY_DFS; i++)
		if (!strcmp(name, strategy_names[i]))
			return i;
	return -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Distinct violations are keyed by kind and code site. */
static struct found_violation *lookup(struct explore_result *res,
				      const struct run_result *r)
{
	for (int i = 0; i < res->nviol; i++)
		if (!strcmp(res->viol[i].r.violation.kind, r->violation.kind) &&
		    res->viol[i].r.violation.site == r->violation.site)
			return &res->viol[i];
	return NULL;
}

static void record(struct explore_result *res, const struct run_result *r,
		   uint64_t run, uint64_t seed, double t)
{
	struct found_violation *f;

	if (lookup(res, r) || res->nviol >= EXPLORE_MAX_VIOL)
		return;
	f = &res->viol[res->nviol++];
	memset(f, 0, sizeof(*f));
	f->r = *r;
	f->run = run;
	f->seed = seed;
	f->seconds = t;
	f->ndecisions = sim.decisions.len;
	f->decisions = malloc(f->ndecisions ? f->ndecisions : 1);
	if (f->decisions)
		memcpy(f->decisions, sim.decisions.v, f->ndecisions);
}

struct budget {
	double t0, last_progress;
};

static bool out_of_budget(const struct explore_options *o,
			  const struct explore_result *res, uint64_t i,
			  struct budget *b)
{
	double t = now();

	if (o->progress && t - b->last_progress > 0.2) {
		o->progress(res->runs, (uint64_t)res->nviol, t - b->t0);
		b->last_progress = t;
	}
	if (o->runs && i >= o->runs)
		return true;
	return o->seconds > 0 && t - b->t0 > o->seconds;
}

static int run_once(const struct world_spec *w, const struct explore_options *o,
		    struct sim_strategy *s, struct explore_result *res,
		    uint64_t i, uint64_t seed, struct budget *b)
{
	struct run_result r;

	if (world_run(w, &o->run, s, &r))
		return -1;
	if (r.outcome == SIM_PRUNED) {
		/* a reordering of schedules explored already, cut short */
		res->pruned++;
		return 0;
	}
	res->runs++;
	res->steps += r.steps;
	if (r.steps > res->max_steps_seen)
		res->max_steps_seen = r.steps;
	if (r.outcome == SIM_VIOLATION)
		record(res, &r, i, seed, now() - b->t0);
	return 0;
}

/* Random or PCT runs i = first, first + stride, ... */
static int explore_seeds(const struct world_spec *w,
			 const struct explore_options *o,
			 struct explore_result *res, uint64_t first,
			 uint64_t stride)
{
	struct budget b = { now(), now() };
	uint64_t k = o->pct_steps;

	for (uint64_t i = first; !out_of_budget(o, res, i, &b); i += stride) {
		uint64_t seed = o->seed + i;
		struct sim_random rnd;
		struct pct pct;
		struct sim_strategy *s = &rnd.s;

		if (o->strategy == STRATEGY_PCT) {
			pct_init(&pct, seed, o->depth, w->nthreads, k);
			s = &pct.s;
		} else {
			sim_random_init(&rnd, seed);
		}
		if (run_once(w, o, s, res, i, seed, &b))
			return -1;
		if (res->nviol && !o->all)
			break;
	}
	res->seconds = now() - b.t0;
	return 0;
}

static int explore_dfs(const struct world_spec *w,
		       const struct explore_options *o,
		       struct explore_result *res)
{
	struct budget b = { now(), now() };
	struct dfs d;
	int ret = 0;

	dfs_init(&d, o->preemptions, !o->no_sleep_sets);
	for (uint64_t i = 0; !out_of_budget(o, res, i, &b); i++) {
		if (run_once(w, o, &d.s, res, i, 0, &b)) {
			ret = -1;
			break;
		}
		if (res->nviol && !o->all)
			break;
		if (!dfs_next(&d)) {
			res->complete = true;
			break;
		}
	}
	dfs_free(&d);
	res->seconds = now() - b.t0;
	return ret;
}

/* ---- worker processes ---- */

static void write_result(int fd, const struct explore_result *res)
{
	FILE *f = fdopen(fd, "w");

	if (!f)
		_exit(3);
	fprintf(f, "R %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", res->runs,
		res->steps, res->max_steps_seen);
	for (int i = 0; i < res->nviol; i++) {
		const struct found_violation *v = &res->viol[i];

		fprintf(f, "V %" PRIu64 " %" PRIu64 " %.6f %" PRIu64 " %d %" PRIu64
			" %zu %s\n%s\n",
			v->run, v->seed, v->seconds, v->r.violation.site,
			v->r.violation.thread, v->r.violation.step,
			v->ndecisions, v->r.violation.kind, v->r.violation.msg);
		for (size_t j = 0; j < v->ndecisions; j++)
			fprintf(f, "%02x", v->decisions[j]);
		fprintf(f, "\n");
	}
	fclose(f);
}

static int read_violation(FILE *f, struct found_violation *v)
{
	char kind[32];
	size_t n;

	memset(v, 0, sizeof(*v));
	if (fscanf(f, "%" SCNu64 " %" SCNu64 " %lf %" SCNu64 " %d %" SCNu64
		   " %zu %31s\n",
		   &v->run, &v->seed, &v->seconds, &v->r.violation.site,
		   &v->r.violation.thread, &v->r.violation.step, &n,
		   kind) != 8)
		return -1;
	snprintf(v->r.violation.kind, sizeof(v->r.violation.kind), "%s", kind);
	if (!fgets(v->r.violation.msg, sizeof(v->r.violation.msg), f))
		return -1;
	v->r.violation.msg[strcspn(v->r.violation.msg, "\n")] = 0;
	v->r.outcome = SIM_VIOLATION;
	v->decisions = malloc(n ? n : 1);
	if (!v->decisions)
		return -1;
	for (size_t j = 0; j < n; j++) {
		unsigned int x;

		if (fscanf(f, "%2x", &x) != 1)
			return -1;
		v->decisions[j] = (uint8_t)x;
	}
	v->ndecisions = n;
	return 0;
}

static void merge(struct explore_result *res, struct found_violation *v)
{
	struct found_violation *old = lookup(res, &v->r);

	/* Keep the earliest run, as one process would have found it. */
	if (old && old->run <= v->run) {
		free(v->decisions);
		return;
	}
	if (old) {
		free(old->decisions);
		*old = *v;
		return;
	}
	if (res->nviol < EXPLORE_MAX_VIOL)
		res->viol[res->nviol++] = *v;
	else
		free(v->decisions);
}

static void read_worker(FILE *f, struct explore_result *res)
{
	uint64_t runs, steps, maxs;
	char tag;

	if (fscanf(f, " %c %" SCNu64 " %" SCNu64 " %" SCNu64 "\n", &tag, &runs,
		   &steps, &maxs) != 4 || tag != 'R')
		return;
	res->runs += runs;
	res->steps += steps;
	if (maxs > res->max_steps_seen)
		res->max_steps_seen = maxs;
	while (fscanf(f, " %c ", &tag) == 1 && tag == 'V') {
		struct found_violation v;

		if (read_violation(f, &v)) {
			free(v.decisions);
			break;
		}
		merge(res, &v);
	}
}

static int explore_jobs(const struct world_spec *w,
			const struct explore_options *o,
			struct explore_result *res)
{
	int n = o->jobs;
	pid_t pid[64];
	FILE *in[64];
	double t0 = now();

	if (n > 64)
		n = 64;
	for (int j = 0; j < n; j++) {
		int fd[2];

		if (pipe(fd))
			return -1;
		fflush(NULL);
		pid[j] = fork();
		if (pid[j] < 0)
			return -1;
		if (!pid[j]) {
			struct explore_options wo = *o;
			struct explore_result wr;

			close(fd[0]);
			wo.progress = NULL;
			memset(&wr, 0, sizeof(wr));
			if (explore_seeds(w, &wo, &wr, (uint64_t)j,
					  (uint64_t)n))
				_exit(3);
			write_result(fd[1], &wr);
			_exit(0);
		}
		close(fd[1]);
		in[j] = fdopen(fd[0], "r");
	}
	for (int j = 0; j < n; j++) {
		int status = 0;

		if (in[j]) {
			read_worker(in[j], res);
			fclose(in[j]);
		}
		while (waitpid(pid[j], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			res->crashed_workers++;
			snprintf(res->crash_msg, sizeof(res->crash_msg),
				 "worker %d %s %d", j,
				 WIFSIGNALED(status) ? "killed by signal" :
						       "exited with",
				 WIFSIGNALED(status) ? WTERMSIG(status) :
						       WEXITSTATUS(status));
		}
	}
	res->seconds = now() - t0;
	return 0;
}

static void shrink_all(const struct world_spec *w,
		       const struct explore_options *o,
		       struct explore_result *res)
{
	for (int i = 0; i < res->nviol; i++) {
		struct found_violation *v = &res->viol[i];
		struct shrink_result s;

		if (v->r.in_setup)
			continue;
		if (shrink(w, &o->run, v->decisions, v->ndecisions,
			   v->r.violation.kind, &s))
			continue;
		free(v->decisions);
		v->decisions = s.decisions;
		v->ndecisions = s.n;
		v->preemptions = s.preemptions;
		v->r = s.run;
		v->shrunk = true;
	}
}

/*
 * Every run builds and frees a machine.  glibc would give the top of the
 * heap back to the kernel after each run and fault it in again for the
 * next (two brk calls and their page faults a run, about 40% of the
 * time): keep it.
 */
static void keep_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}

/*
 * PCT needs k, the number of steps of a run.  It is measured once, on a
 * run of the first seed with the random strategy, so that it does not
 * depend on which runs came before: run i stays a function of seed + i,
 * whatever the budget or the number of workers.
 */
static uint64_t pct_calibrate(const struct world_spec *w,
			      const struct explore_options *o)
{
	struct sim_random rnd;
	struct run_result r;

	sim_random_init(&rnd, o->seed);
	if (world_run(w, &o->run, &rnd.s, &r) || r.steps < 10)
		return 10;
	return r.steps;
}

int explore(const struct world_spec *w, const struct explore_options *o_in,
	    struct explore_result *res)
{
	struct explore_options opts = *o_in, *o = &opts;
	int ret;

	keep_heap();
	if (o->strategy == STRATEGY_PCT && !o->pct_steps)
		o->pct_steps = pct_calibrate(w, o);
	memset(res, 0, sizeof(*res));
	if (o->strategy == STRATEGY_DFS)
		ret = explore_dfs(w, o, res);
	else if (o->jobs > 1)
		ret = explore_jobs(w, o, res);
	else
		ret = explore_seeds(w, o, res, 0, 1);
	if (o->strategy == STRATEGY_PCT) {
		res->pct_steps = o->pct_steps;
		res->pct_bound = pct_bound(w->nthreads, o->pct_steps, o->depth);
	}
	if (!ret && o->shrink)
		shrink_all(w, o, res);
	return ret;
}

void explore_result_free(struct explore_result *res)
{
	for (int i = 0; i < res->nviol; i++) {
		free(res->viol[i].decisions);
		res->viol[i].decisions = NULL;
	}
	res->nviol = 0;
}
