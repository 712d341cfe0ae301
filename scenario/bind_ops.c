// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding operations: scn_op trees become flat world_op arrays, repeat
 * blocks as OP_REPEAT ... OP_END.  Every operation scenario/world.c
 * executes is accepted, with its arguments in the world_op fields
 * world.h documents; what the model would refuse at run time (EINVAL
 * from a path it does not model) is refused here, at file:line:col, so
 * that a scenario never runs with a step silently missing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mm/mm.h"
#include "mm/ops.h"
#include "scenario/bind_internal.h"
#include "scenario/ops.h"
#include "scenario/parser.h"

/* Swap slots given to a scenario that reclaims (anon pages need them). */
#define BIND_SWAP_PAGES 4096

static struct world_op *push(struct binder *b)
{
	if (b->nops == b->cap) {
		int cap = b->cap ? 2 * b->cap : 16;
		struct world_op *v = realloc(b->ops, (size_t)cap * sizeof(*v));

		if (!v)
			abort();	/* host out of memory */
		b->ops = v;
		b->cap = cap;
	}
	memset(&b->ops[b->nops], 0, sizeof(b->ops[0]));
	b->ops[b->nops].file = -1;
	b->ops[b->nops].target = -1;
	return &b->ops[b->nops++];
}

/* The hugetlbfs mapping of @proc around @addr, if any: its page size. */
static uint64_t huge_pagesize_at(struct binder *b, int proc, uint64_t addr)
{
	int i = bind_huge_map(b, proc, addr, 1);

	return i < 0 ? 0 :
		4096ull << b->w->files[b->w->maps[i].file].order;
}

static void check_huge_aligned(struct binder *b, const struct scn_op *op,
			       int proc)
{
	uint64_t ps = huge_pagesize_at(b, proc, op->addr.v);
	char sz[32];

	if (ps && op->addr.v % ps)
		scn_error(&b->d, op->addr.pos, "%s address %#" PRIx64 " is "
			  "inside a hugetlb mapping but not aligned to its %s "
			  "pages", scn_ops[op->kind].name, op->addr.v,
			  scn_fmt_size(ps, sz, sizeof(sz)));
}

/*
 * mremap and madvise of hugetlb ranges return EINVAL in the model (the
 * hugetlb mremap and madvise paths are not modelled): refuse rather than
 * run a no-op.
 */
static bool refuse_huge(struct binder *b, const struct scn_op *op, int proc,
			const char *what)
{
	int i = bind_huge_map(b, proc, op->addr.v, op->len.v);
	const struct world_map *m = i >= 0 ? &b->w->maps[i] : NULL;

	if (!m)
		return false;
	scn_error(&b->d, op->addr.pos, "%s of a hugetlb range is not "
		  "modelled (%#" PRIx64 " +%s overlaps the mapping of '%s' "
		  "at %#" PRIx64 ")", what, op->addr.v,
		  scn_fmt_size(op->len.v, (char[32]){ 0 }, 32),
		  b->w->files[m->file].name, m->addr);
	return true;
}

/* The world op kind for @op, or -1 when the model cannot run it. */
static int op_kind(struct binder *b, const struct scn_op *op)
{
	static const uint8_t kinds[SCN_OP_NR] = {
		[SCN_OP_READ] = OP_READ,	 [SCN_OP_WRITE] = OP_WRITE,
		[SCN_OP_MMAP] = OP_MMAP,	 [SCN_OP_MUNMAP] = OP_MUNMAP,
		[SCN_OP_MPROTECT] = OP_MPROTECT, [SCN_OP_MADVISE] = OP_MADVISE,
		[SCN_OP_MREMAP] = OP_MREMAP,	 [SCN_OP_FORK] = OP_FORK,
		[SCN_OP_EXIT] = OP_EXIT,	 [SCN_OP_MLOCK] = OP_MLOCK,
		[SCN_OP_MUNLOCK] = OP_MUNLOCK,	 [SCN_OP_MIGRATE] = OP_MIGRATE,
		[SCN_OP_RECLAIM] = OP_RECLAIM,	 [SCN_OP_POISON] = OP_POISON,
		[SCN_OP_SPLIT] = OP_SPLIT,	 [SCN_OP_TRUNCATE] = OP_TRUNCATE,
		[SCN_OP_FAULT] = OP_DEV_FAULT,	 [SCN_OP_REPEAT] = OP_REPEAT,
	};

	switch (op->kind) {
	case SCN_OP_DMA:
		return op->dir == SCN_DIR_WRITE ? OP_DMA_WRITE : OP_DMA_READ;
	case SCN_OP_RECLAIM:
		if (op->addr.set)
			return OP_RECLAIM;
		scn_error(&b->d, op->pos, "reclaim without an address range "
			  "is not modelled yet (give ADDR +LEN)");
		return -1;
	case SCN_OP_MADVISE:
		/* MADV_PAGEOUT reclaims the range's pages: that is reclaim */
		if (op->advice == SCN_ADV_PAGEOUT)
			return OP_RECLAIM;
		if (op->advice == SCN_ADV_COLD) {
			scn_error(&b->d, op->pos, "madvise cold is not "
				  "modelled (the model has no LRU to "
				  "deactivate pages on)");
			return -1;
		}
		return OP_MADVISE;
	case SCN_OP_FORK:
		if (b->repeat_depth) {
			scn_error(&b->d, op->pos, "fork inside repeat would "
				  "create process '%s' more than once",
				  op->name.s);
			return -1;
		}
		return OP_FORK;
	default:
		return kinds[op->kind];
	}
}

static const uint8_t advice[] = {
	[SCN_ADV_DONTNEED] = MADV_DONTNEED,
	[SCN_ADV_FREE] = MADV_FREE,
	[SCN_ADV_HUGEPAGE] = MADV_HUGEPAGE,
};

static const uint32_t prots[] = {
	[SCN_PROT_RW] = PROT_READ | PROT_WRITE,
	[SCN_PROT_RO] = PROT_READ,
	[SCN_PROT_NONE] = PROT_NONE,
};

/* What world_op kind @kind needs beyond addr and len (world.h). */
static bool bind_args(struct binder *b, const struct scn_op *op, int proc,
		      struct world_op *w)
{
	const struct scn_file *f;
	int i;

	switch (w->kind) {
	case OP_MMAP:
		w->prot = prots[op->map.prot];
		w->flags = (uint32_t)bind_map_flags(b, &op->map, op->pos);
		w->file = (int8_t)(op->map.file.s ?
				   bind_file_index(b, op->map.file.s) : -1);
		w->arg = op->map.offset.v >> 12;
		bind_check_file_range(b, &op->map, &op->len);
		return true;
	case OP_MPROTECT:
		w->prot = prots[op->prot];
		return true;	/* hugetlb too: hugetlb_change_protection */
	case OP_MADVISE:
		w->flags = advice[op->advice];
		return op->advice == SCN_ADV_HUGEPAGE ||
		       !refuse_huge(b, op, proc, "madvise");
	case OP_MREMAP:
		w->arg = op->to.v;
		return !refuse_huge(b, op, proc, "mremap");
	case OP_FORK:
		w->target = (int8_t)bind_proc_index(b, &op->name);
		if (w->target >= 0)
			b->w->procs[w->target].fork_of = proc;
		return w->target >= 0;
	case OP_TRUNCATE:
		i = bind_file_index(b, op->name.s);
		f = i >= 0 ? &b->s->files[i] : NULL;
		w->file = (int8_t)i;
		w->arg = op->offset.v;
		w->len = op->len.set ? op->len.v : 0;
		if (f && op->len.set && (f->kind != SCN_FILE_HUGETLBFS ||
					 op->offset.v + op->len.v > f->size.v ||
					 op->offset.v + op->len.v <
						 op->offset.v)) {
			scn_error(&b->d, op->len.pos, "a hole punch needs a "
				  "hugetlbfs file and a hole inside it");
			return false;
		}
		if (f && f->kind != SCN_FILE_SHMEM &&
		    f->kind != SCN_FILE_HUGETLBFS) {
			scn_error(&b->d, op->name.pos, "truncate of %s file "
				  "'%s' is not modelled (shmem and hugetlbfs "
				  "only)",
				  scn_file_kind_names[f->kind], f->name.s);
			return false;
		}
		if (f && op->offset.v > f->size.v) {
			scn_error(&b->d, op->offset.pos, "truncate offset %s "
				  "is past the end of file '%s' (%s): "
				  "truncate only shrinks",
				  scn_fmt_size(op->offset.v, (char[32]){ 0 },
					       32), f->name.s,
				  scn_fmt_size(f->size.v, (char[32]){ 0 },
					       32));
			return false;
		}
		return f != NULL;
	case OP_MIGRATE:
	case OP_POISON:
		check_huge_aligned(b, op, proc);
		return true;
	case OP_RECLAIM:
		b->w->mc.swap_pages = BIND_SWAP_PAGES;
		return true;
	default:
		return true;
	}
}

static void bind_op(struct binder *b, const struct scn_op *op,
		    int proc_default)
{
	int kind = op_kind(b, op);
	int proc = op->proc.s ? bind_proc_index(b, &op->proc) : proc_default;
	struct world_op *w, tmp = { .file = -1, .target = -1 };

	if (kind < 0)
		return;
	if (scn_ops[op->kind].mm || kind == OP_RECLAIM) {
		if (proc < 0) {
			scn_error(&b->d, op->pos, "'%s' here needs a process: "
				  "name it first", scn_ops[op->kind].name);
			return;
		}
	}
	tmp.kind = (uint8_t)kind;
	tmp.proc = (int8_t)proc;
	tmp.addr = op->addr.v;
	tmp.len = op->len.set ? op->len.v : 0;
	if (!bind_args(b, op, proc, &tmp))
		return;
	w = push(b);
	*w = tmp;
	if (kind != OP_REPEAT)
		return;
	w->arg = op->count.v;
	b->repeat_depth++;
	bind_op_list(b, &op->body, proc_default);
	b->repeat_depth--;
	push(b)->kind = OP_END;
}

void bind_op_list(struct binder *b, const struct scn_op_list *list,
		  int proc_default)
{
	for (int i = 0; i < list->n; i++)
		bind_op(b, &list->v[i], proc_default);
}
