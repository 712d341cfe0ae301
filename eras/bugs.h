/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bug switches: real bugs Linux shipped, re-introduced one at a time by
 * --bug NAME.  Each is the smallest deviation at the place the kernel had
 * it, guarded by bug_on(BUG_...) (mm/machine.h).  check/ knows nothing of
 * them: a switch shows only through what the modelled code then does.
 */
#ifndef MMSIM_ERAS_BUGS_H
#define MMSIM_ERAS_BUGS_H

#include <stdint.h>

enum bug_switch {
	BUG_PMD_SHARE_NO_UNSHARE,
	BUG_PMD_SHARE_NARROW_RANGE,
	BUG_ADJUST_RANGE_PRE_75802CA66354,
	BUG_CVE_2021_4002,
	BUG_NOTIFY_SINGLE_PAGE,
	BUG_BATCHED_FLUSH_NOT_PENDING,
	BUG_CVE_2018_18281,
	BUG_NOTIFIER_EARLY_EXIT,
	NR_BUG_SWITCHES
};

struct bug_info {
	const char *name;
	const char *fix;	/* the commit that fixed it */
	int year;
	const char *eras;	/* where the switch applies */
	const char *scenario;	/* the built-in scenario that exposes it */
	const char *expect;	/* the violations it may produce, spaced */
	const char *summary;
};

extern const struct bug_info bug_table[NR_BUG_SWITCHES];

/* Index of the switch called @name, or -1. */
int bug_find(const char *name);

struct era;
/* The first era @b's list names: where its scenario runs by default. */
const struct era *bug_first_era(const struct bug_info *b);

#endif /* MMSIM_ERAS_BUGS_H */
