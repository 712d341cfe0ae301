// SPDX-License-Identifier: GPL-2.0-only
/*
 * The table of eras: the only place that lists them.
 */
#include <string.h>

#include "eras/era.h"

extern const struct era era_v4_4, era_v4_4_seed, era_v4_4_y, era_v4_19,
	era_v6_18;

const struct era *const all_eras[] = {
	&era_v4_4, &era_v4_4_seed, &era_v4_4_y, &era_v4_19, &era_v6_18,
};

const int nr_eras = sizeof(all_eras) / sizeof(all_eras[0]);

const struct era *era_find(const char *name)
{
	for (int i = 0; i < nr_eras; i++)
		if (!strcmp(all_eras[i]->name, name))
			return all_eras[i];
	return NULL;
}

const struct era *era_default(void)
{
	return all_eras[nr_eras - 1];
}
