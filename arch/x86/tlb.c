// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLB store: an open-addressing hash table per CPU.  Lookups probe
 * linearly.  A flush of a range that has fewer pages than the table has
 * entries looks up each key the range could hold and deletes it in place
 * (the structure-cache entries come from a side list); a larger flush
 * scans the table and rebuilds it without the dropped entries.  Either
 * way the same entries go.  Nothing here is a scheduling point: the
 * callers decide.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/x86/pgtable_types.h"
#include "arch/x86/tlb.h"
#include "sim/footprint.h"

#define KEY_VPN_BITS 36
#define KEY_LEVEL_SHIFT KEY_VPN_BITS
#define KEY_MM_SHIFT (KEY_VPN_BITS + 3)

static const int level_shift[] = {
	[TLB_4K] = PAGE_SHIFT, [TLB_2M] = PMD_SHIFT, [TLB_1G] = PUD_SHIFT,
	[TLB_PDE] = PMD_SHIFT, [TLB_PDPTE] = PUD_SHIFT,
};

uint64_t tlb_key(int mm_id, enum tlb_level level, uint64_t va)
{
	return ((uint64_t)(mm_id + 1) << KEY_MM_SHIFT) |
	       ((uint64_t)level << KEY_LEVEL_SHIFT) |
	       (va >> level_shift[level]);
}

int tlb_key_mm(uint64_t key)
{
	return (int)(key >> KEY_MM_SHIFT) - 1;
}

enum tlb_level tlb_key_level(uint64_t key)
{
	return (enum tlb_level)((key >> KEY_LEVEL_SHIFT) & 7);
}

uint64_t tlb_key_va(uint64_t key)
{
	uint64_t vpn = key & ((1ull << KEY_VPN_BITS) - 1);

	return vpn << level_shift[tlb_key_level(key)];
}

static uint32_t hash(uint64_t key)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ull;
	key ^= key >> 32;
	return (uint32_t)key;
}

int tlb_init(struct tlb *t)
{
	t->cap = 64;
	t->used = 0;
	t->pwc = NULL;
	t->nr_pwc = t->cap_pwc = 0;
	t->slot = calloc(t->cap, sizeof(*t->slot));
	return t->slot ? 0 : -1;
}

void tlb_destroy(struct tlb *t)
{
	free(t->slot);
	free(t->pwc);
	t->slot = NULL;
	t->pwc = NULL;
	t->cap = t->used = 0;
	t->nr_pwc = t->cap_pwc = 0;
}

void tlb_clear(struct tlb *t)
{
	sim_touch(t, true);
	memset(t->slot, 0, t->cap * sizeof(*t->slot));
	t->used = 0;
	t->nr_pwc = 0;
}

static bool is_pwc(uint64_t key)
{
	return tlb_key_level(key) >= TLB_PDE;
}

static void pwc_add(struct tlb *t, uint64_t key)
{
	if (t->nr_pwc == t->cap_pwc) {
		uint32_t cap = t->cap_pwc ? t->cap_pwc * 2 : 16;
		uint64_t *n = realloc(t->pwc, cap * sizeof(*n));

		if (!n)
			abort();
		t->pwc = n;
		t->cap_pwc = cap;
	}
	t->pwc[t->nr_pwc++] = key;
}

/* The list is short: one key per PMD/PUD a CPU walked through. */
static void pwc_del(struct tlb *t, uint64_t key)
{
	for (uint32_t i = 0; i < t->nr_pwc; i++)
		if (t->pwc[i] == key) {
			t->pwc[i] = t->pwc[--t->nr_pwc];
			return;
		}
	abort();	/* an entry the list did not know: a store bug */
}

struct tlb_entry *tlb_lookup(struct tlb *t, uint64_t key)
{
	sim_touch(t, false);
	uint32_t mask = t->cap - 1;

	for (uint32_t i = hash(key) & mask;; i = (i + 1) & mask) {
		struct tlb_entry *e = &t->slot[i];

		if (e->key == key)
			return e;
		if (!e->key)
			return NULL;
	}
}

struct tlb_entry *tlb_lookup_leaf(struct tlb *t, int mm_id, uint64_t va)
{
	sim_touch(t, false);
	struct tlb_entry *e;

	if (!t->used)
		return NULL;
	e = tlb_lookup(t, tlb_key(mm_id, TLB_4K, va));
	if (!e)
		e = tlb_lookup(t, tlb_key(mm_id, TLB_2M, va));
	if (!e)
		e = tlb_lookup(t, tlb_key(mm_id, TLB_1G, va));
	return e;
}

static void put(struct tlb_entry *slots, uint32_t cap,
		const struct tlb_entry *n)
{
	uint32_t mask = cap - 1;

	for (uint32_t i = hash(n->key) & mask;; i = (i + 1) & mask) {
		if (!slots[i].key || slots[i].key == n->key) {
			slots[i] = *n;
			return;
		}
	}
}

/* Rebuild into a table of @cap keeping the entries @keep accepts. */
static int rebuild(struct tlb *t, uint32_t cap,
		   bool (*keep)(const struct tlb_entry *, const void *),
		   const void *arg)
{
	struct tlb_entry *n = calloc(cap, sizeof(*n));
	uint32_t used = 0;
	int dropped = 0;

	if (!n)
		abort();
	t->nr_pwc = 0;
	for (uint32_t i = 0; i < t->cap; i++) {
		struct tlb_entry *e = &t->slot[i];

		if (!e->key)
			continue;
		if (keep && !keep(e, arg)) {
			dropped++;
			continue;
		}
		put(n, cap, e);
		if (is_pwc(e->key))
			pwc_add(t, e->key);
		used++;
	}
	free(t->slot);
	t->slot = n;
	t->cap = cap;
	t->used = used;
	return dropped;
}

struct tlb_entry *tlb_insert(struct tlb *t, uint64_t key, uint64_t pfn,
			     uint32_t gen, uint32_t flags, uint32_t owner)
{
	sim_touch(t, true);
	struct tlb_entry n = { key, pfn, gen, flags, owner, 0, 0 };
	struct tlb_entry *e = tlb_lookup(t, key);

	if (e) {
		*e = n;
		return e;
	}
	if ((t->used + 1) * 2 > t->cap)
		rebuild(t, t->cap * 2, NULL, NULL);
	put(t->slot, t->cap, &n);
	t->used++;
	if (is_pwc(key))
		pwc_add(t, key);
	return tlb_lookup(t, key);
}

/*
 * Remove one key, keeping the probe chains intact (backward-shift
 * deletion for linear probing).
 */
static void erase(struct tlb *t, struct tlb_entry *e)
{
	uint32_t mask = t->cap - 1;
	uint32_t i = (uint32_t)(e - t->slot), j = i;

	if (is_pwc(e->key))
		pwc_del(t, e->key);

	for (;;) {
		uint32_t home;

		j = (j + 1) & mask;
		if (!t->slot[j].key)
			break;
		home = hash(t->slot[j].key) & mask;
		/* can slot j's entry move back to the hole at i? */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && (home <= i && home > j))) {
			t->slot[i] = t->slot[j];
			i = j;
		}
	}
	t->slot[i].key = 0;
	t->used--;
}

struct range_arg {
	int mm;
	uint64_t start, end;
};

static bool keep_outside(const struct tlb_entry *e, const void *p)
{
	const struct range_arg *r = p;
	enum tlb_level lvl = tlb_key_level(e->key);
	uint64_t va, size;

	if (tlb_key_mm(e->key) != r->mm)
		return true;
	if (lvl >= TLB_PDE)
		return false;	/* structure caches: all of the mm go */
	va = tlb_key_va(e->key);
	size = 1ull << level_shift[lvl];
	return va + size <= r->start || va >= r->end;
}

static int flush_matching(struct tlb *t, const struct range_arg *r)
{
	bool any = false;

	for (uint32_t i = 0; i < t->cap && !any; i++)
		any = t->slot[i].key && !keep_outside(&t->slot[i], r);
	if (!any)
		return 0;
	return rebuild(t, t->cap, keep_outside, r);
}

/*
 * The small-range flush: every leaf key that could overlap [start, end)
 * (4K pages in it, the 2M and 1G regions around it) and every
 * structure-cache entry of the mm, deleted in place.  Drops exactly what
 * keep_outside would.
 */
static int flush_range_keys(struct tlb *t, int mm_id, uint64_t start,
			    uint64_t end)
{
	static const enum tlb_level leaves[] = { TLB_4K, TLB_2M, TLB_1G };
	int dropped = 0;

	for (unsigned int l = 0; l < sizeof(leaves) / sizeof(leaves[0]); l++) {
		uint64_t size = 1ull << level_shift[leaves[l]];

		for (uint64_t va = start & ~(size - 1); va < end; va += size) {
			struct tlb_entry *e;

			if (!t->used)
				return dropped;
			e = tlb_lookup(t, tlb_key(mm_id, leaves[l], va));
			if (e) {
				erase(t, e);
				dropped++;
			}
		}
	}
	/* erase() moves the last key into slot i: walk down */
	for (uint32_t i = t->nr_pwc; i-- > 0;) {
		if (i >= t->nr_pwc || tlb_key_mm(t->pwc[i]) != mm_id)
			continue;
		erase(t, tlb_lookup(t, t->pwc[i]));
		dropped++;
	}
	return dropped;
}

int tlb_flush_range_local(struct tlb *t, int mm_id, uint64_t start,
			  uint64_t end)
{
	sim_touch(t, true);
	struct range_arg r = { mm_id, start, end };

	if (!t->used)
		return 0;
	if (end > start && (end - start) >> PAGE_SHIFT < t->used)
		return flush_range_keys(t, mm_id, start, end);
	return flush_matching(t, &r);
}

int tlb_flush_mm_local(struct tlb *t, int mm_id)
{
	sim_touch(t, true);
	struct range_arg r = { mm_id, 0, ~0ull };

	return flush_matching(t, &r);
}

/*
 * A page fault drops the entries that would translate @va: the leaves
 * covering it and the structure-cache entries on its path (not the whole
 * mm's, as INVLPG does).
 */
void tlb_flush_addr_local(struct tlb *t, int mm_id, uint64_t va)
{
	sim_touch(t, true);
	static const enum tlb_level levels[] = { TLB_4K, TLB_2M, TLB_1G,
						 TLB_PDE, TLB_PDPTE };

	for (unsigned int i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		struct tlb_entry *e;

		if (!t->used)
			return;
		e = tlb_lookup(t, tlb_key(mm_id, levels[i], va));
		if (e)
			erase(t, e);
	}
}

void tlb_for_each(struct tlb *t,
		  void (*fn)(const struct tlb_entry *e, void *arg), void *arg)
{
	sim_touch(t, false);
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->slot[i].key)
			fn(&t->slot[i], arg);
}
