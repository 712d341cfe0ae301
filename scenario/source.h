/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading scenario files from disk, bounded and refusing non-files. */
#ifndef MMSIM_SCENARIO_SOURCE_H
#define MMSIM_SCENARIO_SOURCE_H

#include <stddef.h>

/*
 * Read regular file @path (at most @max bytes) into a malloc()ed buffer.
 * Returns 0, or -1 with a short reason in @why.
 */
int scn_read_file(const char *path, size_t max, char **buf, size_t *len,
		  char *why, size_t whylen);

#endif /* MMSIM_SCENARIO_SOURCE_H */
