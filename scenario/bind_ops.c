// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding operations: scn_op trees become flat world_op arrays, repeat
 * blocks as OP_REPEAT ... OP_END.  Only the operations scenario/world.c
 * executes are accepted; the rest are refused by name so that a scenario
 * never runs with a step silently missing.
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
	const struct world_spec *w = b->w;

	for (int i = 0; i < w->nmaps; i++) {
		const struct world_map *m = &w->maps[i];

		if (m->proc != proc || addr < m->addr ||
		    addr - m->addr >= m->len || m->file < 0 ||
		    w->files[m->file].kind != FILE_HUGETLBFS)
			continue;
		return 4096ull << w->files[m->file].order;
	}
	return 0;
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

/* The world op kind for @op, or -1 when the model cannot run it. */
static int op_kind(struct binder *b, const struct scn_op *op)
{
	switch (op->kind) {
	case SCN_OP_READ:
		return OP_READ;
	case SCN_OP_WRITE:
		return OP_WRITE;
	case SCN_OP_MIGRATE:
		return OP_MIGRATE;
	case SCN_OP_POISON:
		return OP_POISON;
	case SCN_OP_DMA:
		return op->dir == SCN_DIR_WRITE ? OP_DMA_WRITE : OP_DMA_READ;
	case SCN_OP_FAULT:
		return OP_DEV_FAULT;
	case SCN_OP_REPEAT:
		return OP_REPEAT;
	case SCN_OP_RECLAIM:
		if (op->addr.set)
			return OP_RECLAIM;
		scn_error(&b->d, op->pos, "reclaim without an address range "
			  "is not modelled yet (give ADDR +LEN)");
		return -1;
	default:
		scn_error(&b->d, op->pos, "'%s' is not modelled yet",
			  scn_ops[op->kind].name);
		return -1;
	}
}

static void bind_op(struct binder *b, const struct scn_op *op,
		    int proc_default)
{
	int kind = op_kind(b, op);
	int proc = op->proc.s ? bind_proc_index(b, &op->proc) : proc_default;
	struct world_op *w;

	if (kind < 0)
		return;
	if (scn_ops[op->kind].mm || kind == OP_RECLAIM) {
		if (proc < 0) {
			scn_error(&b->d, op->pos, "'%s' here needs a process: "
				  "name it first", scn_ops[op->kind].name);
			return;
		}
	}
	if (kind == OP_MIGRATE || kind == OP_POISON)
		check_huge_aligned(b, op, proc);
	if (kind == OP_RECLAIM)
		b->w->mc.swap_pages = BIND_SWAP_PAGES;
	w = push(b);
	w->kind = (uint8_t)kind;
	w->proc = (int8_t)proc;
	w->addr = op->addr.v;
	w->len = op->len.set ? op->len.v : 0;
	if (kind != OP_REPEAT)
		return;
	w->arg = op->count.v;
	bind_op_list(b, &op->body, proc_default);
	push(b)->kind = OP_END;
}

void bind_op_list(struct binder *b, const struct scn_op_list *list,
		  int proc_default)
{
	for (int i = 0; i < list->n; i++)
		bind_op(b, &list->v[i], proc_default);
}
