/* SPDX-License-Identifier: GPL-2.0-only */
/* Selecting and printing the events a report shows (report_events.c). */
#ifndef MMSIM_TOOLS_LIB_REPORT_EVENTS_H
#define MMSIM_TOOLS_LIB_REPORT_EVENTS_H

#include "sim/sim.h"
#include "tools/lib/cli.h"

#define REPORT_MAX_TABLES 5

void report_tables(const struct report *rep, uint64_t *tables, int *n);
bool report_event_relevant(const struct report *rep,
			   const struct sim_event *e, const uint64_t *tables,
			   int ntables);
void report_event_text(const struct sim_event *e, char *buf, size_t len);
void report_for_each_event(void (*fn)(const struct sim_event *e, void *arg),
			   void *arg);

#endif /* MMSIM_TOOLS_LIB_REPORT_EVENTS_H */
