/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Binding: a checked scenario AST (scenario/ast.h) becomes the world_spec
 * the model runs (scenario/world.h).  The parser and validator know the
 * language; binding knows the model, so it is here that a scenario asking
 * for something the model cannot do (regular files, THP on file mappings,
 * mprotect/mremap/madvise of hugetlb ranges, truncate of hugetlbfs,
 * madvise cold, reclaim without a range, fork inside repeat) or that the
 * chosen era does not have (an hmm-mirror before interval notifiers) is
 * refused, with file:line:col, before anything runs.
 *
 * Processes: the declared ones take world slots first, then the children
 * of fork operations in the order written (setup first).  "process X fork
 * Y" becomes an OP_FORK (proc Y, target X) at the start of setup, in
 * declaration order, after the fresh processes got their mappings; X's
 * own map lines and mmus are applied at its fork (scenario/world.c), and
 * may not overlap what X inherits.  "madvise ... pageout" binds to
 * OP_RECLAIM over the range (MADV_PAGEOUT reclaims those pages).
 */
#ifndef MMSIM_SCENARIO_BIND_H
#define MMSIM_SCENARIO_BIND_H

#include <stdio.h>

#include "scenario/ast.h"
#include "scenario/world.h"

struct era;


/*
 * Upper bound on machine memory the model will build: the machine's own
 * (1 TiB; frames are real, each costs the host some 52 bytes once used).
 */
#define BIND_MAX_MEMORY MACHINE_MAX_MEM

/*
 * Fill @w from @s for era @era (NULL: the scenario's own, or the
 * default).  Returns the number of errors, printed to @err; on errors
 * @w holds nothing to free.
 */
int scn_bind(const struct scn_scenario *s, const struct era *era,
	     struct world_spec *w, FILE *err);

/* Parse, check and bind a buffer or file in one step (@err as above). */
int scn_load_buffer(const char *name, const char *buf, size_t len,
		    const struct era *era, struct world_spec *w, FILE *err);
int scn_load_file(const char *path, const struct era *era,
		  struct world_spec *w, FILE *err);
struct mms_file;
/* A compiled-in example (scenario/mms_files.h). */
int scn_load_mms_file(const struct mms_file *f, const struct era *era,
		      struct world_spec *w, FILE *err);

#endif /* MMSIM_SCENARIO_BIND_H */
