/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The violation kinds the oracles and the engine report, with what each
 * means: for "mmsim list violations" and for checking the kinds a
 * scenario's expect lines name.  check/ reports them as plain strings;
 * this list follows it (tests/cli checks every kind a run can give is
 * here).
 */
#ifndef MMSIM_SCENARIO_KINDS_H
#define MMSIM_SCENARIO_KINDS_H

struct violation_kind {
	const char *name;
	const char *summary;
};

extern const struct violation_kind violation_kinds[];
extern const int nr_violation_kinds;
/* NULL-terminated names, for scn_opts.violations. */
extern const char *const violation_kind_names[];
extern const char *const *era_names(void);

#endif /* MMSIM_SCENARIO_KINDS_H */
