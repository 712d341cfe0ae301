// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim replay REPORT.json: load the scenario the report names (built-in
 * by name, or the file path it stored), under its era and bugs, replay
 * its decision log and check that the same violation (kind, message,
 * step) comes back.  Every field is checked first; a bad report is an
 * input error with file:line:col.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "eras/era.h"
#include "scenario/source.h"
#include "tools/lib/cli.h"
#include "tools/lib/json.h"

struct rctx {
	const char *path;
	const struct json *root;
	bool bad;
};

static void bad(struct rctx *c, const struct json *at, const char *fmt, ...)
{
	va_list ap;

	if (c->bad)
		return;
	c->bad = true;
	fprintf(stderr, "%s:%d:%d: error: ", c->path, at->line, at->col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Member @key of @obj, of @type; reports a missing or mistyped one. */
static const struct json *field(struct rctx *c, const struct json *obj,
				const char *key, enum json_type type)
{
	static const char *const tn[] = { "null", "a boolean", "a number",
					  "a string", "an array",
					  "an object" };
	const struct json *v = json_get(obj, key);

	if (c->bad)
		return NULL;
	if (!v) {
		bad(c, obj, "the report has no field '%s'", key);
		return NULL;
	}
	if (v->type != type || (type == JSON_NUMBER && !v->is_u64)) {
		bad(c, v, "field '%s' must be %s%s", key, tn[type],
		    type == JSON_NUMBER ? " (a non-negative integer)" : "");
		return NULL;
	}
	return v;
}

static const char *str(struct rctx *c, const struct json *o, const char *k)
{
	const struct json *v = field(c, o, k, JSON_STRING);

	return v ? v->s : "";
}

static uint64_t num(struct rctx *c, const struct json *o, const char *k)
{
	const struct json *v = field(c, o, k, JSON_NUMBER);

	return v ? v->u64 : 0;
}

static void read_bugs(struct rctx *c, struct report *rep)
{
	const struct json *b = field(c, c->root, "bugs", JSON_ARRAY);

	for (int i = 0; b && i < b->nkids; i++) {
		int k = b->kids[i].type == JSON_STRING ?
			bug_find(b->kids[i].s) : -1;

		if (k < 0)
			bad(c, &b->kids[i], "not a known bug switch");
		else
			rep->bugs |= 1ull << k;
	}
}

static uint8_t *read_decisions(struct rctx *c, size_t *n)
{
	const struct json *d = field(c, c->root, "decisions", JSON_STRING);
	size_t len = d ? strlen(d->s) : 0;
	uint8_t *v;

	*n = len / 2;
	if (!d || len % 2 || strspn(d->s, "0123456789abcdef") != len) {
		if (d)
			bad(c, d, "field 'decisions' must be lowercase hex "
			    "digits, two per decision");
		return NULL;
	}
	v = malloc(*n ? *n : 1);
	for (size_t i = 0; v && i < *n; i++) {
		unsigned int x;

		sscanf(d->s + 2 * i, "%2x", &x);
		v[i] = (uint8_t)x;
	}
	return v;
}

static void read_report(struct rctx *c, struct report *rep,
			struct scn_ref *ref)
{
	const struct json *s, *v, *e;
	const char *src, *era;

	if (num(c, c->root, "mmsim_report") != 1 && !c->bad)
		bad(c, json_get(c->root, "mmsim_report"),
		    "unsupported report version");
	s = field(c, c->root, "scenario", JSON_OBJECT);
	src = s ? str(c, s, "source") : "";
	if (s && !c->bad && strcmp(src, "builtin") && strcmp(src, "file"))
		bad(c, json_get(s, "source"), "source must be \"builtin\" or "
		    "\"file\"");
	ref->builtin = !strcmp(src, "builtin");
	snprintf(ref->name, sizeof(ref->name), "%s", s ? str(c, s, "ref") :
		 "");
	era = str(c, c->root, "era");
	rep->era = era_find(era);
	e = json_get(c->root, "era");
	if (!c->bad && !rep->era)
		bad(c, e, "unknown era '%s'", era);
	read_bugs(c, rep);
	rep->strategy = strategy_parse(str(c, c->root, "strategy"));
	if (!c->bad && rep->strategy < 0)
		bad(c, json_get(c->root, "strategy"), "unknown strategy");
	rep->depth = (int)num(c, c->root, "depth");
	rep->seed = num(c, c->root, "seed");
	rep->run = num(c, c->root, "run");
	rep->max_steps = num(c, c->root, "max_steps");
	v = field(c, c->root, "violation", JSON_OBJECT);
	if (!v)
		return;
	snprintf(rep->r.violation.kind, sizeof(rep->r.violation.kind), "%s",
		 str(c, v, "kind"));
	snprintf(rep->r.violation.msg, sizeof(rep->r.violation.msg), "%s",
		 str(c, v, "msg"));
	rep->r.violation.step = num(c, v, "step");
	rep->r.outcome = SIM_VIOLATION;
}

static int parse(const char *path, struct json **root)
{
	char *buf, why[128], err[256];
	size_t len;

	if (scn_read_file(path, JSON_MAX_INPUT, &buf, &len, why,
			  sizeof(why))) {
		fprintf(stderr, "%s: error: %s\n", path, why);
		return EXIT_USAGE;
	}
	*root = json_parse(buf, len, err, sizeof(err));
	free(buf);
	if (!*root) {
		fprintf(stderr, "%s:%s\n", path, err);
		return EXIT_USAGE;
	}
	if ((*root)->type != JSON_OBJECT) {
		fprintf(stderr, "%s:1:1: error: a report is a JSON object\n",
			path);
		json_free(*root);
		return EXIT_USAGE;
	}
	return 0;
}

static int replay(const struct cli_opts *o, struct report *rep)
{
	struct report want = *rep;

	if (report_rerun(rep)) {
		/* report_rerun left the replayed run in sim */
		fprintf(stderr, "mmsim: the report does not reproduce: it "
			"says %s at step %llu (%s), the replay gives %s at "
			"step %llu (%s)\n", want.r.violation.kind,
			(unsigned long long)want.r.violation.step,
			want.r.violation.msg,
			sim.outcome == SIM_VIOLATION ? sim.violation.kind :
						       "no violation",
			(unsigned long long)sim.violation.step,
			sim.outcome == SIM_VIOLATION ? sim.violation.msg : "");
		return EXIT_INTERNAL;
	}
	report_focus(rep);
	if (o->json) {
		report_json(stdout, rep, 0);
		putchar('\n');
	} else if (o->quiet) {
		printf("reproduced %s at step %llu: %s\n", rep->r.violation.kind,
		       (unsigned long long)rep->r.violation.step,
		       rep->r.violation.msg);
	} else {
		report_text(stdout, rep);
	}
	if (o->trace && trace_write(o->trace, rep->w))
		return EXIT_USAGE;
	return EXIT_VIOLATION;
}

int cmd_replay(struct cli_opts *o)
{
	struct scn_ref ref = { 0 };
	struct report rep = { .ref = &ref, .mm = -1 };
	struct rctx c = { .path = o->arg };
	struct world_spec w;
	struct json *root;
	uint8_t *d = NULL;
	int ret = parse(o->arg, &root);

	if (ret)
		return ret;
	c.root = root;
	read_report(&c, &rep, &ref);
	if (!c.bad)
		d = read_decisions(&c, &rep.ndecisions);
	json_free(root);
	if (c.bad || !d) {
		free(d);
		return EXIT_USAGE;
	}
	rep.decisions = d;
	ret = scn_ref_load(&ref, rep.era, &w);
	if (!ret) {
		rep.w = &w;
		ret = replay(o, &rep);
		world_spec_free(&w);
	}
	free(d);
	return ret;
}
