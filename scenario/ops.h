/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The operations a thread or the setup block can perform, and the small
 * vocabularies (protections, advice, kinds) the language uses.  Adding an
 * operation is one enum value in ast.h and one line in ops.c: the parser
 * reads its arguments by the shape string and the printer writes them
 * back the same way.
 */
#ifndef MMSIM_SCENARIO_OPS_H
#define MMSIM_SCENARIO_OPS_H

#include <stdbool.h>

#include "scenario/ast.h"

/* Where an operation may appear. */
#define SCN_IN_SETUP	(1u << 0)
#define SCN_IN_PROCESS	(1u << 1)
#define SCN_IN_KERNEL	(1u << 2)
#define SCN_IN_DEVICE	(1u << 3)

/*
 * Shape letters, one per argument in order:
 *	a  ADDR			op->addr
 *	l  +LEN			op->len
 *	o  [+LEN]		op->len, optional
 *	t  NEWADDR		op->to
 *	p  rw|ro|none		op->prot
 *	v  advice		op->advice
 *	m  mapping spec		op->map (as in "map")
 *	c  CHILD		op->name, a new process
 *	f  FILE			op->name, a declared file
 *	n  OFFSET		op->offset
 *	d  read|write		op->dir
 *	r  [ADDR +LEN | N pages] op->addr/len or op->count
 *	k  N { ... }		op->count, op->body
 */
struct scn_op_desc {
	const char *name;
	const char *shape;
	unsigned int where;
	bool mm;		/* acts on a process's address space */
};

extern const struct scn_op_desc scn_ops[SCN_OP_NR];
const struct scn_op_desc *scn_op_lookup(const char *text, int len);

extern const char *const scn_file_kind_names[];
extern const char *const scn_prot_names[];
extern const char *const scn_advice_names[];
extern const char *const scn_mmu_kind_names[];
extern const char *const scn_thread_kind_names[];
extern const char *const scn_dir_names[];

/* Index of @len bytes at @text in NULL-terminated @tab, or -1. */
int scn_word_index(const char *const *tab, const char *text, int len);

#endif /* MMSIM_SCENARIO_OPS_H */
