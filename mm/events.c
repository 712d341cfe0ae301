// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names and formats of the machine's event kinds.
 */
#include <inttypes.h>
#include <stdio.h>

#include "mm/events.h"
#include "mm/mmu_notifier.h"
#include "mm/ops.h"

uint16_t mm_ev_id[NR_MM_EV];

static int fmt_access(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "%s va=%#" PRIx64 " pfn=%#" PRIx64 " data=L%u.v%u",
			e->c >> 63 ? "write" : "read", e->a, e->b,
			(unsigned)((e->c >> 32) & 0x7fffffff), (unsigned)e->c);
}

static int fmt_fault(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "va=%#" PRIx64 " %s -> %d", e->a,
			e->b ? "write" : "read", (int)e->c);
}

static int fmt_set_entry(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "table=%#" PRIx64 "[%" PRIu64 "] := %#" PRIx64,
			e->a, e->b, e->c);
}

static int fmt_pfn(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "pfn=%#" PRIx64, e->a);
}

static int fmt_fill(char *b, size_t n, const struct sim_event *e)
{
	static const char *lvl[] = { "4K", "2M", "1G", "PDE", "PDPTE" };

	return snprintf(b, n, "va=%#" PRIx64 " -> pfn=%#" PRIx64 " (%s)", e->a,
			e->b, e->c < 5 ? lvl[e->c] : "?");
}

static int fmt_flush(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "mm%" PRIu64 " [%#" PRIx64 ", %#" PRIx64 ")",
			e->a, e->b, e->c);
}

static int fmt_page_free(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "pfn=%#" PRIx64 " order=%" PRIu64, e->a, e->b);
}

static int fmt_copy(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "pfn %#" PRIx64 " -> %#" PRIx64 " (%" PRIu64
			" frames)", e->a, e->b, e->c);
}

static int fmt_notify(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "%s [%#" PRIx64 ", %#" PRIx64 ")",
			notifier_call_name((int)e->a), e->b, e->c);
}

static int fmt_share(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "mm%" PRIu64 " addr=%#" PRIx64
			" pmd-table=%#" PRIx64, e->a, e->b, e->c);
}

static int fmt_op(char *b, size_t n, const struct sim_event *e)
{
	return snprintf(b, n, "%s %#" PRIx64 " +%#" PRIx64,
			mm_op_name((int)e->a), e->b, e->c);
}

static const struct sim_event_kind kinds[NR_MM_EV] = {
	[EV_OP] = { "op", fmt_op },
	[EV_ACCESS] = { "access", fmt_access },
	[EV_FAULT] = { "fault", fmt_fault },
	[EV_SET_ENTRY] = { "set-entry", fmt_set_entry },
	[EV_PT_ALLOC] = { "pt-alloc", fmt_pfn },
	[EV_PT_FREE] = { "pt-free", fmt_pfn },
	[EV_TLB_FILL] = { "tlb-fill", fmt_fill },
	[EV_TLB_FLUSH] = { "tlb-flush", fmt_flush },
	[EV_PAGE_FREE] = { "page-free", fmt_page_free },
	[EV_MIGRATE_COPY] = { "migrate-copy", fmt_copy },
	[EV_NOTIFY] = { "mmu-notifier", fmt_notify },
	[EV_UNSHARE] = { "huge_pmd_unshare", fmt_share },
	[EV_SHARE] = { "huge_pmd_share", fmt_share },
};

void mm_events_register(void)
{
	for (int i = 0; i < NR_MM_EV; i++)
		mm_ev_id[i] = sim_event_kind_register(&kinds[i]);
}
