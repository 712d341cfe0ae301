// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the operations in the setup block and the threads: each is
 * allowed where it stands, names a process when it must and only then,
 * refers to declared things, and has sane addresses and counts.
 */
#include <inttypes.h>
#include <string.h>

#include "scenario/alloc.h"
#include "scenario/ops.h"
#include "scenario/validate.h"

struct where {
	unsigned int in;	/* SCN_IN_* */
	const char *what;	/* "the setup block", "a kernel thread"... */
	uint64_t runs;		/* how often the enclosing repeats run */
};

static void collect(struct scn_vctx *v, const struct scn_op_list *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct scn_op *op = &l->v[i];

		if (op->kind == SCN_OP_FORK)
			*SCN_PUSH(v->s, v->forks, v->nforks, v->cap_forks) =
				op->name;
		collect(v, &op->body);
	}
}

/*
 * Children of fork ops are processes too: threads may run in them.
 * Their names share the namespace of the declared processes.
 */
void scn_collect_forks(struct scn_vctx *v)
{
	collect(v, &v->s->setup);
	for (int i = 0; i < v->s->nthreads; i++)
		collect(v, &v->s->threads[i].ops);
	v->forked = (struct scn_ns){ "process", v->forks, v->nforks,
				     sizeof(struct scn_name), 0 };
}

static void check_fork_names(struct scn_vctx *v)
{
	for (int i = 0; i < v->nforks; i++) {
		const struct scn_name *n = &v->forks[i], *f = NULL;
		int j = scn_ns_find(&v->procs, n->s, -1);

		if (j >= 0)
			f = scn_ns_name(&v->procs, j);
		else if ((j = scn_ns_find(&v->forked, n->s, i)) >= 0)
			f = &v->forks[j];
		if (f)
			scn_error(v->d, n->pos, "duplicate process name '%s' "
				  "(first at %s:%d:%d)", n->s, f->pos.file,
				  f->pos.line, f->pos.col);
		else if (scn_op_lookup(n->s, (int)strlen(n->s)))
			scn_error(v->d, n->pos, "process name '%s' is also "
				  "an operation name", n->s);
	}
}

static void where_allowed(unsigned int in, char *buf, size_t len)
{
	static const char *const names[] = {
		"the setup block", "process threads", "kernel threads",
		"device threads",
	};
	size_t off = 0;

	buf[0] = 0;
	for (int i = 0; i < 4; i++)
		if (in & (1u << i))
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						off ? ", " : "", names[i]);
}

/* The "PROC" before an op: wanted exactly when the op needs an mm. */
static bool check_proc(struct scn_vctx *v, const struct scn_op *op,
		       const struct where *w)
{
	const struct scn_op_desc *d = &scn_ops[op->kind];
	bool needs = d->mm || (op->kind == SCN_OP_RECLAIM && op->addr.set);
	bool prefixed = w->in & (SCN_IN_SETUP | SCN_IN_KERNEL);
	int nprocs = v->procs.n + v->forked.n;

	if (op->proc.s && (!prefixed || !needs)) {
		scn_error(v->d, op->proc.pos, "'%s' in %s acts on %s: drop "
			  "'%s'", d->name, w->what,
			  w->in & SCN_IN_DEVICE ? "its mmu's process" :
			  w->in & SCN_IN_PROCESS ? "its own process" :
			  "no process", op->proc.s);
		return false;
	}
	if (op->proc.s)
		return scn_lookup(v, &op->proc, &v->procs, &v->forked) >= 0;
	if (prefixed && needs && nprocs != 1) {
		scn_error(v->d, op->pos, "'%s' in %s needs a process: name "
			  "it first, as in '%s %s ...'", d->name, w->what,
			  v->procs.n ? scn_ns_name(&v->procs, 0)->s :
			  v->forked.n ? v->forks[0].s : "p1", d->name);
		return false;
	}
	return true;
}

static void check_ops(struct scn_vctx *v, const struct scn_op_list *l,
		      const struct where *w);

static void check_repeat(struct scn_vctx *v, const struct scn_op *op,
			 const struct where *w)
{
	struct where inner = *w;

	if (!op->count.v) {
		scn_error(v->d, op->count.pos, "repeat count must be at "
			  "least 1");
		return;
	}
	if (__builtin_mul_overflow(w->runs, op->count.v, &inner.runs) ||
	    inner.runs > SCN_MAX_REPEAT) {
		scn_error(v->d, op->count.pos, "repeat %" PRIu64 " runs its "
			  "body more than %d times (enclosing repeats "
			  "included)", op->count.v, SCN_MAX_REPEAT);
		return;
	}
	check_ops(v, &op->body, &inner);
}

static void check_truncate(struct scn_vctx *v, const struct scn_op *op)
{
	int i = scn_lookup(v, &op->name, &v->files, NULL);
	uint64_t ps;

	if (i < 0)
		return;
	ps = v->s->files[i].pagesize.v;
	if (ps && op->offset.v % ps)
		scn_error(v->d, op->offset.pos, "truncate offset %s is not a "
			  "multiple of the page size of '%s' (%s)",
			  scn_fmt_size(op->offset.v, (char[32]){ 0 }, 32),
			  op->name.s, scn_fmt_size(ps, (char[32]){ 0 }, 32));
}

/* Arguments, by kind; the shapes in ops.c say which are there. */
static void check_args(struct scn_vctx *v, const struct scn_op *op,
		       const struct where *w)
{
	const struct scn_num *len = op->len.set ? &op->len : NULL;
	uint64_t align = 4096;

	switch (op->kind) {
	case SCN_OP_REPEAT:
		check_repeat(v, op, w);
		return;
	case SCN_OP_TRUNCATE:
		check_truncate(v, op);
		return;
	case SCN_OP_FORK:
	case SCN_OP_EXIT:
		return;
	case SCN_OP_RECLAIM:
		if (op->count.set && !op->count.v)
			scn_error(v->d, op->count.pos, "reclaim of 0 pages");
		if (!op->addr.set)
			return;
		break;
	case SCN_OP_MMAP:
		align = scn_check_mapspec(v, &op->map, &op->len);
		if (!align)
			return;
		break;
	case SCN_OP_MREMAP:
		if (!scn_check_range(v, &op->to, len, align))
			return;
		break;
	default:
		break;
	}
	scn_check_range(v, &op->addr, len, align);
}

static void check_op(struct scn_vctx *v, const struct scn_op *op,
		     const struct where *w)
{
	const struct scn_op_desc *d = &scn_ops[op->kind];
	char where[96];

	if (!(d->where & w->in)) {
		where_allowed(d->where, where, sizeof(where));
		scn_error(v->d, op->pos, "'%s' cannot run in %s (only in %s)",
			  d->name, w->what, where);
		return;
	}
	if (check_proc(v, op, w))
		check_args(v, op, w);
}

static void check_ops(struct scn_vctx *v, const struct scn_op_list *l,
		      const struct where *w)
{
	for (int i = 0; i < l->n && !v->d->stopped; i++)
		check_op(v, &l->v[i], w);
}

void scn_validate_ops(struct scn_vctx *v)
{
	static const struct where kinds[] = {
		[SCN_THREAD_PROCESS] = { SCN_IN_PROCESS, "a process thread",
					 1 },
		[SCN_THREAD_KERNEL] = { SCN_IN_KERNEL, "a kernel thread", 1 },
		[SCN_THREAD_DEVICE] = { SCN_IN_DEVICE, "a device thread", 1 },
	};
	static const struct where setup = { SCN_IN_SETUP, "the setup block",
					    1 };

	check_fork_names(v);
	check_ops(v, &v->s->setup, &setup);
	for (int i = 0; i < v->s->nthreads; i++)
		check_ops(v, &v->s->threads[i].ops,
			  &kinds[v->s->threads[i].kind]);
}
