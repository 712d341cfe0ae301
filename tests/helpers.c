// SPDX-License-Identifier: GPL-2.0-only
/* Shared helpers for tests (kept in one object linked into each test). */
#include <stdio.h>

#include "mm/events.h"
#include "mm/mmu_notifier.h"
#include "sim/sim.h"
#include "tests/helpers.h"
#include "tests/tap.h"

const char *test_notifier_calls(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (uint64_t i = 0; i < sim.evlog.n && i < SIM_EVLOG_CAP; i++) {
		const struct sim_event *e = &sim.evlog.ev[i];

		if (e->kind != mm_ev_id[EV_NOTIFY] || n >= len)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s[%#llx,%#llx)",
				      n ? " " : "",
				      notifier_call_name((int)e->a),
				      (unsigned long long)e->b,
				      (unsigned long long)e->c);
	}
	return buf;
}
