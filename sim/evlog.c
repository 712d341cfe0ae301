// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event log: typed, fixed-size records in a ring.  Kinds are registered
 * by name at start-up (in a fixed order, so their numbers are stable).
 */
#include <inttypes.h>
#include <stdio.h>

#include "sim/sim.h"

#define SIM_MAX_EVENT_KINDS 128

static const struct sim_event_kind *kinds[SIM_MAX_EVENT_KINDS];
static uint16_t nkinds = 1;	/* 0 is "unknown" */

uint16_t sim_event_kind_register(const struct sim_event_kind *k)
{
	for (uint16_t i = 1; i < nkinds; i++)
		if (kinds[i] == k)
			return i;
	if (nkinds >= SIM_MAX_EVENT_KINDS)
		return 0;
	kinds[nkinds] = k;
	return nkinds++;
}

const struct sim_event_kind *sim_event_kind_get(uint16_t kind)
{
	return kind < nkinds ? kinds[kind] : NULL;
}

int sim_evlog_format(const struct sim_event *e, char *buf, size_t len)
{
	const struct sim_event_kind *k = sim_event_kind_get(e->kind);
	int n;

	n = snprintf(buf, len, "%8" PRIu64 " t%-2d %-22s ", e->step,
		     e->thread, k ? k->name : "?");
	if (n < 0 || (size_t)n >= len)
		return n;
	if (k && k->format)
		return n + k->format(buf + n, len - (size_t)n, e);
	return n + snprintf(buf + n, len - (size_t)n,
			    "%#" PRIx64 " %#" PRIx64 " %#" PRIx64, e->a, e->b,
			    e->c);
}
