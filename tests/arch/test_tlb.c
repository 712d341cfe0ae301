// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLB store: lookups after growth, fault-time deletion keeps every
 * other entry reachable, range and mm flushes drop exactly what they say
 * (both the small-range path, which deletes keys in place, and the
 * large-range path, which rebuilds the table).
 */
#include "arch/x86/pgtable_types.h"
#include "arch/x86/tlb.h"
#include "sim/rand.h"
#include "tests/tap.h"

#define N 3000

static uint64_t va_of(int i)
{
	return 0x10000000ull + (uint64_t)i * PAGE_SIZE * 7;
}

static void fault_flush_keeps_the_rest(void)
{
	struct tlb t;
	struct sim_rand r;
	bool gone[N] = { 0 };

	tlb_init(&t);
	sim_rand_seed(&r, 1);
	for (int i = 0; i < N; i++)
		tlb_insert(&t, tlb_key(i % 3, TLB_4K, va_of(i)), (uint64_t)i,
			   0, 0, 0);
	CHECK_INT(t.used, ==, N);
	for (int k = 0; k < N / 2; k++) {
		int i = (int)sim_rand_below(&r, N);

		tlb_flush_addr_local(&t, i % 3, va_of(i));
		gone[i] = true;
	}
	for (int i = 0; i < N; i++) {
		struct tlb_entry *e = tlb_lookup(&t, tlb_key(i % 3, TLB_4K,
							     va_of(i)));

		if (gone[i])
			CHECK(e == NULL);
		else if (!e)
			CHECK(e != NULL);
		else
			CHECK_U64(e->pfn, ==, (uint64_t)i);
	}
	tlb_destroy(&t);
}

static void fault_flush_takes_only_its_path(void)
{
	struct tlb t;

	tlb_init(&t);
	tlb_insert(&t, tlb_key(0, TLB_PDE, 0x40000000), 5, 0, 0, 0);
	tlb_insert(&t, tlb_key(0, TLB_PDE, 0x40200000), 6, 0, 0, 0);
	tlb_insert(&t, tlb_key(0, TLB_2M, 0x40000000), 7, 0, 0, 0);
	tlb_flush_addr_local(&t, 0, 0x40001000);
	CHECK(!tlb_lookup(&t, tlb_key(0, TLB_PDE, 0x40000000)));
	CHECK(!tlb_lookup_leaf(&t, 0, 0x40001000));
	CHECK(tlb_lookup(&t, tlb_key(0, TLB_PDE, 0x40200000)) != NULL);
	CHECK_INT(t.used, ==, 1);
	tlb_destroy(&t);
}

/* A range flush drops overlapping leaves and all of the mm's caches. */
static void range_flush_is_invlpg(void)
{
	struct tlb t;

	tlb_init(&t);
	tlb_insert(&t, tlb_key(0, TLB_2M, 0x40000000), 1, 0, 0, 0);
	tlb_insert(&t, tlb_key(0, TLB_4K, 0x40400000), 2, 0, 0, 0);
	tlb_insert(&t, tlb_key(0, TLB_PDPTE, 0x80000000), 3, 0, 0, 0);
	tlb_insert(&t, tlb_key(1, TLB_4K, 0x40000000), 4, 0, 0, 0);
	CHECK_INT(tlb_flush_range_local(&t, 0, 0x40001000, 0x40002000), ==, 2);
	CHECK(!tlb_lookup_leaf(&t, 0, 0x40000000));
	CHECK(tlb_lookup_leaf(&t, 0, 0x40400000) != NULL);
	CHECK(tlb_lookup_leaf(&t, 1, 0x40000000) != NULL);
	CHECK_INT(tlb_flush_mm_local(&t, 0), ==, 1);
	CHECK_INT(t.used, ==, 1);
	tlb_destroy(&t);
}

#define NK 2000

/* What a range flush must drop: the rule of tlb.h, written out. */
static bool flush_drops(uint64_t key, int mm, uint64_t start, uint64_t end)
{
	static const int shift[] = { PAGE_SHIFT, PMD_SHIFT, PUD_SHIFT };
	enum tlb_level l = tlb_key_level(key);
	uint64_t va = tlb_key_va(key);

	if (tlb_key_mm(key) != mm)
		return false;
	if (l >= TLB_PDE)
		return true;
	return va + (1ull << shift[l]) > start && va < end;
}

/*
 * Many random entries of three mms at every level; flush random ranges
 * from one page to beyond the table's size, so both paths run, and check
 * every key against the rule after each flush.
 */
static void range_flush_paths_agree(void)
{
	static uint64_t keys[NK];
	static bool in[NK];
	struct sim_rand r;
	struct tlb t;
	int live = 0;

	tlb_init(&t);
	sim_rand_seed(&r, 7);
	for (int round = 0; round < 40; round++) {
		int mm = (int)sim_rand_below(&r, 3);
		uint64_t start = 0x40000000ull +
				 sim_rand_below(&r, 4096) * PAGE_SIZE;
		uint64_t len = (1 + sim_rand_below(&r, round & 1 ? 8 : 6000)) *
			       PAGE_SIZE;
		int dropped = 0, want = 0;

		for (int i = 0; i < NK; i++) {
			uint64_t va = 0x40000000ull +
				      sim_rand_below(&r, 8192) * PAGE_SIZE;
			enum tlb_level l = (enum tlb_level)sim_rand_below(&r, 5);
			uint64_t key = tlb_key((int)sim_rand_below(&r, 3), l,
					       va);
			bool dup = tlb_lookup(&t, key) != NULL;

			if (in[i] || live > NK / 2 || dup)
				continue;
			tlb_insert(&t, key, 1, 0, 0, 0);
			keys[i] = key;
			in[i] = true;
			live++;
		}
		for (int i = 0; i < NK; i++)
			if (in[i] && flush_drops(keys[i], mm, start,
						 start + len))
				want++;
		dropped = tlb_flush_range_local(&t, mm, start, start + len);
		CHECK_INT(dropped, ==, want);
		for (int i = 0; i < NK; i++) {
			bool gone;

			if (!in[i])
				continue;
			gone = flush_drops(keys[i], mm, start, start + len);
			if (gone) {
				in[i] = false;
				live--;
			}
			if (gone != !tlb_lookup(&t, keys[i]))
				CHECK(gone == !tlb_lookup(&t, keys[i]));
		}
		CHECK_INT((int)t.used, ==, live);
	}
	tlb_destroy(&t);
}

TAP_MAIN(TEST(fault_flush_keeps_the_rest),
	 TEST(fault_flush_takes_only_its_path), TEST(range_flush_is_invlpg),
	 TEST(range_flush_paths_agree))
