/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The example scenarios (every .mms file under examples/), compiled into
 * the binary by tools/gen_mms.sh so that "mmsim explore NAME" finds them,
 * by name, without the source tree; and
 * the include resolver that lets them include one another.
 */
#ifndef MMSIM_SCENARIO_MMS_FILES_H
#define MMSIM_SCENARIO_MMS_FILES_H

#include <stddef.h>

#include "scenario/ast.h"

/* The directory the paths are relative to, as errors show them. */
#define MMS_FILES_DIR "examples"

struct mms_file {
	const char *path;	/* relative to examples/: "seed/x.mms" */
	const char *text;
};

extern const struct mms_file mms_files[];
extern const int nr_mms_files;

/* The file at @path relative to examples/, or NULL. */
const struct mms_file *mms_file_find(const char *path);
/*
 * A runnable built-in by scenario name: examples/seed/NAME.mms, then
 * examples/bugs/NAME.mms, then examples/NAME.mms (mms_name_dirs).  NULL
 * if none exists.  A .mms built-in shadows a C built-in of the same name
 * (tools/lib/source.c); the C one stays reachable with builtin_find().
 */
const struct mms_file *mms_file_by_name(const char *name);
/* The directories under examples/ searched by name, in order. */
extern const char *const mms_name_dirs[];
/* scn_resolve_fn over the compiled-in files (names as "examples/..."). */
int mms_resolve(void *arg, const char *from, const char *name,
		struct scn_source *out, char *why, size_t whylen);

#endif /* MMSIM_SCENARIO_MMS_FILES_H */
