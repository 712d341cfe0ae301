// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which events of a violating run a report shows: those that touched
 * the violation's address (its 4K page, or the 2M/1G page a translation
 * covers), its frame, or a page-table page on the address's path.
 */
#include <inttypes.h>
#include <string.h>

#include "mm/events.h"
#include "mm/pgtable.h"
#include "tools/lib/cli.h"
#include "tools/lib/report_events.h"

static bool va_in(uint64_t va, uint64_t start, uint64_t end)
{
	return va >= start && va < end;
}

static bool same_page(uint64_t a, uint64_t b)
{
	return (a >> PAGE_SHIFT) == (b >> PAGE_SHIFT);
}

/* The page-table pages the focus address goes through, now. */
void report_tables(const struct report *rep, uint64_t *tables, int *n)
{
	struct mm_struct *mm = world_mm(rep->mm);
	pteval_t *p;

	*n = 0;
	if (!rep->has_va || !mm || mm->dead || !mm->pgd_pfn)
		return;
	p = pgd_offset(mm, rep->va);
	tables[(*n)++] = mm->pgd_pfn;
	for (unsigned int s = 30; p && s >= 12; s -= 9) {
		p = next_level(entry_read(p), (rep->va >> s) & 511);
		if (p)
			tables[(*n)++] = pt_pfn_of(p);
	}
}

static bool is_table(const uint64_t *t, int n, uint64_t pfn)
{
	for (int i = 0; i < n; i++)
		if (t[i] == pfn)
			return true;
	return false;
}

static bool va_match(const struct report *rep, const struct sim_event *e,
		     int k)
{
	static const uint64_t fill_size[] = { 1ull << 12, 1ull << 21,
					      1ull << 30, 1ull << 21,
					      1ull << 30 };
	uint64_t va = rep->va;

	switch (k) {
	case EV_OP:
		return va_in(va, e->b & PAGE_MASK,
			     e->b + (e->c ? e->c : 1));
	case EV_ACCESS:
	case EV_FAULT:
		return same_page(va, e->a);
	case EV_TLB_FILL:
		return e->c < 5 && va_in(va, e->a & ~(fill_size[e->c] - 1),
					 (e->a & ~(fill_size[e->c] - 1)) +
						 fill_size[e->c]);
	case EV_TLB_FLUSH:
	case EV_NOTIFY:
		return va_in(va, e->b, e->c);
	case EV_UNSHARE:
	case EV_SHARE:
		return (va & PUD_MASK) == (e->b & PUD_MASK);
	}
	return false;
}

static bool pfn_match(const struct report *rep, const struct sim_event *e,
		      int k)
{
	uint64_t pfn = rep->pfn;

	switch (k) {
	case EV_ACCESS:
	case EV_TLB_FILL:
		return e->b == pfn;
	case EV_PAGE_FREE:
		return e->b < 64 && pfn >= e->a && pfn < e->a + (1ull << e->b);
	case EV_MIGRATE_COPY:
		return (pfn >= e->a && pfn < e->a + e->c) ||
		       (pfn >= e->b && pfn < e->b + e->c);
	}
	return false;
}

bool report_event_relevant(const struct report *rep,
			   const struct sim_event *e, const uint64_t *tables,
			   int ntables)
{
	int k = -1;

	for (int i = 0; i < NR_MM_EV; i++)
		if (mm_ev_id[i] == e->kind)
			k = i;
	if (k < 0)
		return false;
	if (rep->has_va && va_match(rep, e, k))
		return true;
	if (rep->has_pfn && pfn_match(rep, e, k))
		return true;
	switch (k) {
	case EV_SET_ENTRY:
	case EV_PT_ALLOC:
	case EV_PT_FREE:
		return is_table(tables, ntables, e->a);
	case EV_UNSHARE:
	case EV_SHARE:
		return is_table(tables, ntables, e->c);
	}
	return false;
}

/* The event's text without step and thread ("tlb-fill va=..."). */
void report_event_text(const struct sim_event *e, char *buf, size_t len)
{
	const struct sim_event_kind *k = sim_event_kind_get(e->kind);
	int n = snprintf(buf, len, "%s ", k ? k->name : "?");

	if (n < 0 || (size_t)n >= len)
		return;
	if (k && k->format)
		k->format(buf + n, len - (size_t)n, e);
	else
		snprintf(buf + n, len - (size_t)n, "%#" PRIx64 " %#" PRIx64
			 " %#" PRIx64, e->a, e->b, e->c);
}

/* Each event of the log in order: @fn(e, arg). */
void report_for_each_event(void (*fn)(const struct sim_event *e, void *arg),
			   void *arg)
{
	uint64_t n = sim.evlog.n;
	uint64_t first = n > SIM_EVLOG_CAP ? n - SIM_EVLOG_CAP : 0;

	for (uint64_t i = first; i < n; i++)
		fn(&sim.evlog.ev[i & (SIM_EVLOG_CAP - 1)], arg);
}
