// SPDX-License-Identifier: GPL-2.0-only
/*
 * --trace FILE: the event log as Chrome/Perfetto trace-event JSON.  One
 * track per simulated thread (CPU thread, kernel thread, device engine);
 * an operation is a slice from its EV_OP to the thread's next EV_OP (or
 * its last event); notifier calls, TLB flushes and the violation are
 * instants.  Time is the engine's step count, shown as microseconds.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mm/events.h"
#include "tools/lib/cli.h"
#include "tools/lib/report_events.h"

struct tctx {
	FILE *f;
	bool first;
	/* per thread: the open slice and its last event */
	uint64_t open_step[SIM_MAX_THREADS], last_step[SIM_MAX_THREADS];
	char open_name[SIM_MAX_THREADS][64];
	bool open[SIM_MAX_THREADS];
};

static void sep(struct tctx *t)
{
	fputs(t->first ? "\n  " : ",\n  ", t->f);
	t->first = false;
}

static void close_slice(struct tctx *t, int tid)
{
	uint64_t end = t->last_step[tid];

	if (!t->open[tid])
		return;
	if (end <= t->open_step[tid])
		end = t->open_step[tid] + 1;
	sep(t);
	fputs("{\"name\": ", t->f);
	json_string(t->f, t->open_name[tid]);
	fprintf(t->f, ", \"ph\": \"X\", \"pid\": 1, \"tid\": %d, \"ts\": %"
		PRIu64 ", \"dur\": %" PRIu64 "}", tid, t->open_step[tid],
		end - t->open_step[tid]);
	t->open[tid] = false;
}

static void instant(struct tctx *t, const struct sim_event *e,
		    const char *scope)
{
	char text[200];

	report_event_text(e, text, sizeof(text));
	sep(t);
	fputs("{\"name\": ", t->f);
	json_string(t->f, text);
	fprintf(t->f, ", \"ph\": \"i\", \"s\": \"%s\", \"pid\": 1, \"tid\": "
		"%d, \"ts\": %" PRIu64 "}", scope, e->thread < 0 ? 0 : e->thread,
		e->step);
}

static void on_event(const struct sim_event *e, void *arg)
{
	struct tctx *t = arg;
	int tid = e->thread;

	if (tid < 0 || tid >= SIM_MAX_THREADS)
		return;
	if (e->kind == mm_ev_id[EV_OP]) {
		close_slice(t, tid);
		report_event_text(e, t->open_name[tid],
				  sizeof(t->open_name[tid]));
		memmove(t->open_name[tid], t->open_name[tid] + 3,
			strlen(t->open_name[tid] + 3) + 1);
		t->open_step[tid] = e->step;
		t->open[tid] = true;
	} else if (e->kind == mm_ev_id[EV_NOTIFY] ||
		   e->kind == mm_ev_id[EV_TLB_FLUSH]) {
		instant(t, e, "t");
	}
	t->last_step[tid] = e->step;
}

static void metadata(struct tctx *t, const struct world_spec *w)
{
	static const char *const kinds[] = { "cpu", "kernel", "device" };

	fputs("{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, "
	      "\"args\": {\"name\": ", t->f);
	json_string(t->f, w->name);
	fputs("}}", t->f);
	t->first = false;
	for (int i = 0; i < w->nthreads; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s (%s%.0d)", w->threads[i].name,
			 kinds[w->threads[i].kind],
			 w->threads[i].kind == THREAD_CPU ? w->threads[i].cpu : 0);
		sep(t);
		fprintf(t->f, "{\"name\": \"thread_name\", \"ph\": \"M\", "
			"\"pid\": 1, \"tid\": %d, \"args\": {\"name\": ", i);
		json_string(t->f, name);
		fputs("}}", t->f);
	}
}

static void violation_instant(struct tctx *t)
{
	if (sim.outcome != SIM_VIOLATION)
		return;
	sep(t);
	fputs("{\"name\": ", t->f);
	json_string(t->f, sim.violation.kind);
	fprintf(t->f, ", \"ph\": \"i\", \"s\": \"g\", \"pid\": 1, \"tid\": %d, "
		"\"ts\": %" PRIu64 ", \"args\": {\"msg\": ",
		sim.violation.thread < 0 ? 0 : sim.violation.thread,
		sim.violation.step);
	json_string(t->f, sim.violation.msg);
	fputs("}}", t->f);
}

int trace_write(const char *path, const struct world_spec *w)
{
	static struct tctx t;
	FILE *f = fopen(path, "w");

	if (!f) {
		cli_error("--trace: cannot write '%s': %s", path,
			  strerror(errno));
		return -1;
	}
	memset(&t, 0, sizeof(t));
	t.f = f;
	fputs("{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n  ", f);
	metadata(&t, w);
	report_for_each_event(on_event, &t);
	for (int i = 0; i < SIM_MAX_THREADS; i++) {
		if (t.open[i] && sim.outcome == SIM_VIOLATION &&
		    sim.violation.thread == i)
			t.last_step[i] = sim.violation.step;
		close_slice(&t, i);
	}
	violation_instant(&t);
	fputs("\n]}\n", f);
	if (fclose(f)) {
		cli_error("--trace: cannot write '%s'", path);
		return -1;
	}
	return 0;
}
