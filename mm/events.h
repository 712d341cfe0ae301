/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event kinds of the modelled machine, for the event log, reports and
 * traces.  The order is fixed, so their numbers are stable.
 */
#ifndef MMSIM_MM_EVENTS_H
#define MMSIM_MM_EVENTS_H

#include "sim/sim.h"

enum mm_ev {
	EV_OP,			/* a thread starts an operation: a=op b=addr c=len */
	EV_ACCESS,		/* a=va b=pfn c=write|word */
	EV_FAULT,		/* a=va b=write c=result */
	EV_SET_ENTRY,		/* a=table pfn b=index c=new value */
	EV_PT_ALLOC,		/* a=pfn */
	EV_PT_FREE,		/* a=pfn */
	EV_TLB_FILL,		/* a=va b=pfn c=level */
	EV_TLB_FLUSH,		/* a=mm b=start c=end */
	EV_PAGE_FREE,		/* a=pfn b=order */
	EV_MIGRATE_COPY,	/* a=old pfn b=new pfn c=nr */
	EV_NOTIFY,		/* a=which b=start c=end */
	EV_UNSHARE,		/* a=mm b=addr c=pmd table pfn */
	EV_SHARE,		/* a=mm b=addr c=pmd table pfn */
	NR_MM_EV
};

extern uint16_t mm_ev_id[NR_MM_EV];

void mm_events_register(void);

static inline void mm_event(enum mm_ev k, uint64_t a, uint64_t b, uint64_t c)
{
	sim_event(mm_ev_id[k], a, b, c);
}

#endif /* MMSIM_MM_EVENTS_H */
