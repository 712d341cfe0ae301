/* SPDX-License-Identifier: GPL-2.0-only */
/* Built-in scenarios, by name. */
#ifndef MMSIM_SCENARIO_BUILTIN_H
#define MMSIM_SCENARIO_BUILTIN_H

#include "scenario/world.h"

struct builtin {
	const char *name;
	const char *summary;
	int (*build)(struct world_spec *w);
};

extern const struct builtin builtins[];
extern const int nr_builtins;

const struct builtin *builtin_find(const char *name);

#endif /* MMSIM_SCENARIO_BUILTIN_H */
