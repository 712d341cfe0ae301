// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the declarations: scenario, machine, era, hugetlb pools,
 * files, processes, maps, mmus, threads, expectations.  The shared
 * helpers (name lookup, range checks) are here too.
 */
#include <inttypes.h>
#include <string.h>

#include "scenario/ops.h"
#include "scenario/suggest.h"
#include "scenario/validate.h"

#define SZ(v, b) scn_fmt_size((v), (b), sizeof(b))

const struct scn_name *scn_ns_name(const struct scn_ns *ns, int i)
{
	return (const void *)((const char *)ns->base +
			      (size_t)i * ns->stride + ns->off);
}

int scn_ns_find(const struct scn_ns *ns, const char *name, int limit)
{
	int n = limit < 0 || limit > ns->n ? ns->n : limit;

	for (int i = 0; i < n; i++)
		if (!strcmp(scn_ns_name(ns, i)->s, name))
			return i;
	return -1;
}

static void suggest_ns(struct scn_suggest *sg, const struct scn_ns *ns)
{
	for (int i = 0; ns && i < ns->n; i++)
		scn_suggest_add(sg, scn_ns_name(ns, i)->s);
}

int scn_lookup(struct scn_vctx *v, const struct scn_name *ref,
	       const struct scn_ns *a, const struct scn_ns *b)
{
	struct scn_suggest sg;
	char hint[80];
	int i = scn_ns_find(a, ref->s, -1);

	if (i >= 0)
		return i;
	i = b ? scn_ns_find(b, ref->s, -1) : -1;
	if (i >= 0)
		return a->n + i;
	scn_suggest_init(&sg, ref->s);
	suggest_ns(&sg, a);
	suggest_ns(&sg, b);
	scn_error(v->d, ref->pos, "undefined %s '%s'%s", a->what, ref->s,
		  scn_suggest_hint(&sg, hint, sizeof(hint)));
	return -1;
}

/* Every name of @ns once; @ns2 (may be NULL) shares its namespace. */
static void check_unique(struct scn_vctx *v, const struct scn_ns *ns,
			 const struct scn_ns *prior)
{
	for (int i = 0; i < ns->n; i++) {
		const struct scn_name *n = scn_ns_name(ns, i), *f = NULL;
		int j = scn_ns_find(ns, n->s, i);

		if (j >= 0)
			f = scn_ns_name(ns, j);
		else if (prior && (j = scn_ns_find(prior, n->s, -1)) >= 0)
			f = scn_ns_name(prior, j);
		if (f)
			scn_error(v->d, n->pos, "duplicate %s name '%s' "
				  "(first at %s:%d:%d)", ns->what, n->s,
				  f->pos.file, f->pos.line, f->pos.col);
	}
}

bool scn_check_range(struct scn_vctx *v, const struct scn_num *addr,
		     const struct scn_num *len, uint64_t align)
{
	uint64_t l = len ? len->v : align, end;
	char b[32];

	if (len && !l) {
		scn_error(v->d, len->pos, "zero length");
		return false;
	}
	if (addr->v % align) {
		scn_error(v->d, addr->pos, "address 0x%" PRIx64 " is not "
			  "aligned to %s", addr->v, SZ(align, b));
		return false;
	}
	if (len && l % align) {
		scn_error(v->d, len->pos, "length %s is not a multiple of %s",
			  SZ(l, b), SZ(align, (char[32]){ 0 }));
		return false;
	}
	if (__builtin_add_overflow(addr->v, l, &end)) {
		scn_error(v->d, len ? len->pos : addr->pos,
			  "range 0x%" PRIx64 " +%s wraps around", addr->v,
			  SZ(l, b));
		return false;
	}
	if (end > SCN_USER_TOP) {
		scn_error(v->d, addr->pos, "range 0x%" PRIx64 "-0x%" PRIx64
			  " goes beyond the user address space (0x%llx)",
			  addr->v, end, SCN_USER_TOP);
		return false;
	}
	return true;
}

uint64_t scn_check_mapspec(struct scn_vctx *v, const struct scn_mapspec *m,
			   const struct scn_num *len)
{
	const struct scn_file *f;
	uint64_t end;
	char b[32];
	int i;

	if (!m->file.s)
		return 4096;
	i = scn_lookup(v, &m->file, &v->files, NULL);
	if (i < 0)
		return 0;
	f = &v->s->files[i];
	if (f->kind == SCN_FILE_HUGETLBFS && f->pagesize.v != 2ull << 20 &&
	    f->pagesize.v != 1ull << 30)
		return 0;	/* reported with the file */
	if (f->kind == SCN_FILE_HUGETLBFS && m->thp) {
		scn_error(v->d, m->file.pos, "flag 'thp' does not apply to "
			  "hugetlbfs file '%s'", f->name.s);
		return 0;
	}
	if (m->offset.v % f->pagesize.v) {
		scn_error(v->d, m->offset.pos, "file offset %s is not a "
			  "multiple of %s", SZ(m->offset.v, b),
			  SZ(f->pagesize.v, (char[32]){ 0 }));
		return 0;
	}
	if (__builtin_add_overflow(m->offset.v, len->v, &end)) {
		scn_error(v->d, m->offset.pos, "file offset %s +%s wraps "
			  "around", SZ(m->offset.v, b),
			  SZ(len->v, (char[32]){ 0 }));
		return 0;
	}
	return f->pagesize.v;
}

static void check_scenario(struct scn_vctx *v)
{
	struct scn_scenario *s = v->s;
	struct scn_pos top = { s->sources[0].name, 1, 1, 1 };

	if (!s->name.s)
		scn_error(v->d, top, "missing 'scenario NAME' statement");
}

/* @name among the model's names @known (NULL: anything goes). */
static void check_known(struct scn_vctx *v, const struct scn_name *name,
			const char *const *known, const char *what)
{
	struct scn_suggest sg;
	char hint[80];

	if (!known || !name->s)
		return;
	for (const char *const *k = known; *k; k++)
		if (!strcmp(*k, name->s))
			return;
	scn_suggest_init(&sg, name->s);
	scn_suggest_add_all(&sg, known);
	scn_error(v->d, name->pos, "unknown %s '%s'%s", what, name->s,
		  scn_suggest_hint(&sg, hint, sizeof(hint)));
}

/* The pools, with the total they take out of memory in *@total. */
static void check_pools(struct scn_vctx *v, uint64_t *total)
{
	struct scn_scenario *s = v->s;
	char b[32];

	*total = 0;
	for (int i = 0; i < s->npools; i++) {
		struct scn_pool *h = &s->pools[i];
		uint64_t bytes;

		if (h->pagesize.v != 2ull << 20 && h->pagesize.v != 1ull << 30)
			scn_error(v->d, h->pagesize.pos, "huge page size must "
				  "be 2M or 1G, not %s",
				  SZ(h->pagesize.v, b));
		for (int j = 0; j < i; j++)
			if (s->pools[j].pagesize.v == h->pagesize.v)
				scn_error(v->d, h->pos, "duplicate hugetlb "
					  "pool of %s pages (first at "
					  "%s:%d:%d)", SZ(h->pagesize.v, b),
					  s->pools[j].pos.file,
					  s->pools[j].pos.line,
					  s->pools[j].pos.col);
		if (__builtin_mul_overflow(h->pagesize.v, h->count.v, &bytes) ||
		    __builtin_add_overflow(*total, bytes, total))
			*total = UINT64_MAX;
	}
}

static void check_machine(struct scn_vctx *v)
{
	struct scn_scenario *s = v->s;
	uint64_t pools;
	char b[32], c[32];

	check_pools(v, &pools);
	if (s->cpus.set && (s->cpus.v < 1 || s->cpus.v > SCN_MAX_CPUS))
		scn_error(v->d, s->cpus.pos, "cpus must be between 1 and %d, "
			  "not %" PRIu64, SCN_MAX_CPUS, s->cpus.v);
	if (!s->cpus.set)
		s->cpus.v = 4;
	if (s->memory.set && (!s->memory.v || s->memory.v % 4096))
		scn_error(v->d, s->memory.pos, "memory must be a non-zero "
			  "multiple of 4K, not %s", SZ(s->memory.v, b));
	else if (s->memory.set && pools > s->memory.v)
		scn_error(v->d, s->memory.pos, "memory %s is smaller than the "
			  "hugetlb pools (%s)", SZ(s->memory.v, b),
			  pools == UINT64_MAX ? "more than 16E" :
			  SZ(pools, c));
	/* Room for the pools plus 1G: no scenario should fail for less. */
	if (!s->memory.set)
		s->memory.v = pools > (1ull << 62) ? pools : pools + (1 << 30);
	check_known(v, &s->era, v->o->eras, "era");
}

static void check_files(struct scn_vctx *v)
{
	char b[32], c[32];

	check_unique(v, &v->files, NULL);
	for (int i = 0; i < v->s->nfiles; i++) {
		struct scn_file *f = &v->s->files[i];
		bool huge = f->kind == SCN_FILE_HUGETLBFS;

		if (!huge && f->pagesize.set) {
			scn_error(v->d, f->pagesize.pos, "'pagesize' applies "
				  "only to hugetlbfs files");
			continue;
		}
		if (!f->pagesize.set)
			f->pagesize.v = huge ? 2ull << 20 : 4096;
		if (huge && f->pagesize.v != 2ull << 20 &&
		    f->pagesize.v != 1ull << 30)
			scn_error(v->d, f->pagesize.pos, "huge page size must "
				  "be 2M or 1G, not %s",
				  SZ(f->pagesize.v, b));
		else if (!f->size.v)
			scn_error(v->d, f->size.pos, "file '%s' has size 0",
				  f->name.s);
		else if (f->size.v % f->pagesize.v)
			scn_error(v->d, f->size.pos, "size %s of file '%s' is "
				  "not a multiple of its page size %s",
				  SZ(f->size.v, b), f->name.s,
				  SZ(f->pagesize.v, c));
	}
}

/* A parent must come first: fork order is declaration order. */
static void check_parent(struct scn_vctx *v, int i)
{
	const struct scn_name *parent = &v->s->procs[i].parent;
	int j = scn_ns_find(&v->procs, parent->s, -1);

	if (j < 0) {
		scn_lookup(v, parent, &v->procs, NULL);
	} else if (j >= i) {
		scn_error(v->d, parent->pos, "process '%s' forks from '%s', "
			  "which is declared %s", v->s->procs[i].name.s,
			  parent->s, j == i ? "by this very line" : "later");
	}
}

static void check_procs(struct scn_vctx *v)
{
	check_unique(v, &v->procs, NULL);
	for (int i = 0; i < v->s->nprocs; i++) {
		const struct scn_name *n = &v->s->procs[i].name;

		/* Setup lines tell a process from an operation by name. */
		if (scn_op_lookup(n->s, (int)strlen(n->s)))
			scn_error(v->d, n->pos, "process name '%s' is also "
				  "an operation name", n->s);
		if (v->s->procs[i].parent.s)
			check_parent(v, i);
	}
}

static bool overlaps(const struct scn_map *a, const struct scn_map *b)
{
	return a->addr.v < b->addr.v + b->len.v &&
	       b->addr.v < a->addr.v + a->len.v;
}

static void check_map(struct scn_vctx *v, int i)
{
	struct scn_map *m = &v->s->maps[i];
	uint64_t align;

	if (scn_lookup(v, &m->proc, &v->procs, NULL) < 0)
		return;
	align = scn_check_mapspec(v, &m->spec, &m->len);
	if (!align || !scn_check_range(v, &m->addr, &m->len, align))
		return;
	for (int j = 0; j < i; j++) {
		struct scn_map *o = &v->s->maps[j];

		if (strcmp(o->proc.s, m->proc.s) || !overlaps(m, o))
			continue;
		scn_error(v->d, m->addr.pos, "mapping 0x%" PRIx64 " +%s of "
			  "'%s' overlaps the one at %s:%d:%d", m->addr.v,
			  scn_fmt_size(m->len.v, (char[32]){ 0 }, 32),
			  m->proc.s, o->pos.file, o->pos.line, o->pos.col);
		return;
	}
}

static void check_mmus(struct scn_vctx *v)
{
	check_unique(v, &v->mmus, NULL);
	for (int i = 0; i < v->s->nmmus; i++)
		scn_lookup(v, &v->s->mmus[i].proc, &v->procs, NULL);
}

static void check_thread(struct scn_vctx *v, struct scn_thread *t)
{
	if (t->cpu.set && t->kind == SCN_THREAD_DEVICE)
		scn_error(v->d, t->cpu.pos, "a device thread runs on its "
			  "device, not on a CPU");
	else if (t->cpu.set && t->cpu.v >= v->s->cpus.v)
		scn_error(v->d, t->cpu.pos, "no cpu %" PRIu64 ": the machine "
			  "has %" PRIu64 " cpus (0-%" PRIu64 ")", t->cpu.v,
			  v->s->cpus.v, v->s->cpus.v - 1);
	if (t->kind == SCN_THREAD_PROCESS)
		scn_lookup(v, &t->target, &v->procs, &v->forked);
	else if (t->kind == SCN_THREAD_DEVICE)
		scn_lookup(v, &t->target, &v->mmus, NULL);
}

static void check_threads(struct scn_vctx *v)
{
	struct scn_scenario *s = v->s;
	struct scn_ns ns = SCN_NS("thread", s->threads, s->nthreads,
				  struct scn_thread);

	if (s->nthreads > SCN_MAX_THREADS) {
		scn_error(v->d, s->threads[SCN_MAX_THREADS].pos,
			  "more than %d threads", SCN_MAX_THREADS);
		return;
	}
	check_unique(v, &ns, NULL);
	for (int i = 0; i < s->nthreads; i++)
		check_thread(v, &s->threads[i]);
}

static void check_expects(struct scn_vctx *v)
{
	struct scn_scenario *s = v->s;

	for (int i = 0; i < s->nexpects; i++) {
		struct scn_expect *e = &s->expects[i];

		check_known(v, &e->era, v->o->eras, "era");
		check_known(v, &e->kind, v->o->violations, "violation");
		for (int j = 0; j < i; j++) {
			struct scn_expect *f = &s->expects[j];

			if (e->era.s ? !f->era.s || strcmp(e->era.s, f->era.s) :
				       !!f->era.s)
				continue;
			scn_error(v->d, e->pos, "duplicate expectation for %s%s"
				  " (first at %s:%d:%d)", e->era.s ? "era " :
				  "every era", e->era.s ? e->era.s : "",
				  f->pos.file, f->pos.line, f->pos.col);
			break;
		}
	}
}

/* Bound the quadratic checks before running them. */
static bool check_counts(struct scn_vctx *v)
{
	const struct scn_ns *ns[] = { &v->procs, &v->files, &v->mmus };
	struct scn_scenario *s = v->s;

	for (int i = 0; i < 3; i++) {
		if (ns[i]->n <= SCN_MAX_NAMES)
			continue;
		scn_error(v->d, scn_ns_name(ns[i], SCN_MAX_NAMES)->pos,
			  "more than %d %s declarations", SCN_MAX_NAMES,
			  ns[i]->what);
		return false;
	}
	if (s->nmaps > SCN_MAX_MAPS) {
		scn_error(v->d, s->maps[SCN_MAX_MAPS].pos,
			  "more than %d maps", SCN_MAX_MAPS);
		return false;
	}
	scn_collect_forks(v);
	if (v->nforks + s->nprocs > SCN_MAX_NAMES) {
		scn_error(v->d, v->forks[v->nforks - 1].pos,
			  "more than %d processes, forks included",
			  SCN_MAX_NAMES);
		return false;
	}
	return true;
}

void scn_validate(struct scn_scenario *s, const struct scn_opts *opts,
		  struct scn_diag *d)
{
	struct scn_vctx v = {
		.s = s, .o = opts, .d = d,
		.procs = SCN_NS("process", s->procs, s->nprocs,
				struct scn_process),
		.files = SCN_NS("file", s->files, s->nfiles, struct scn_file),
		.mmus = SCN_NS("mmu", s->mmus, s->nmmus, struct scn_mmu),
	};

	check_scenario(&v);
	if (!check_counts(&v))
		return;
	check_machine(&v);
	check_files(&v);
	check_procs(&v);
	for (int i = 0; i < s->nmaps; i++)
		check_map(&v, i);
	check_mmus(&v);
	check_threads(&v);
	scn_validate_ops(&v);
	check_expects(&v);
}
