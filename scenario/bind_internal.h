/* SPDX-License-Identifier: GPL-2.0-only */
/* State shared by bind.c (declarations) and bind_ops.c (operations). */
#ifndef MMSIM_SCENARIO_BIND_INTERNAL_H
#define MMSIM_SCENARIO_BIND_INTERNAL_H

#include "scenario/diag.h"
#include "scenario/world.h"

struct era;

struct binder {
	const struct scn_scenario *s;
	const struct era *era;
	struct world_spec *w;
	struct scn_diag d;
	/* the op array being filled */
	struct world_op *ops;
	int nops, cap;
	int repeat_depth;	/* of the op being bound */
	/* children of fork operations: world procs nprocs.. in order */
	const struct scn_name *forks[WORLD_MAX_PROCS];
	int nforks;
};

/* The world process slot of a declared or forked process, or -1. */
int bind_proc_index(struct binder *b, const struct scn_name *n);
/*
 * The hugetlbfs mapping process @proc has (itself or inherited from the
 * processes it was forked from) overlapping [@addr, @addr + @len): its
 * map index, or -1.
 */
int bind_huge_map(struct binder *b, int proc, uint64_t addr, uint64_t len);
/* The world file index of file @name, or -1. */
int bind_file_index(struct binder *b, const char *name);
/* MAP_* flags for a mapping spec; refuses what the model cannot map. */
int bind_map_flags(struct binder *b, const struct scn_mapspec *m,
		   struct scn_pos pos);
/* Refuse a mapping of @len at file offset @off that ends past the file. */
void bind_check_file_range(struct binder *b, const struct scn_mapspec *m,
			   const struct scn_num *len);
/* Append @list to b->ops; @proc_default for ops naming no process. */
void bind_op_list(struct binder *b, const struct scn_op_list *list,
		  int proc_default);

#endif /* MMSIM_SCENARIO_BIND_INTERNAL_H */
