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
};

int bind_proc_index(struct binder *b, const struct scn_name *n);
/* Append @list to b->ops; @proc_default for ops naming no process. */
void bind_op_list(struct binder *b, const struct scn_op_list *list,
		  int proc_default);

#endif /* MMSIM_SCENARIO_BIND_INTERNAL_H */
