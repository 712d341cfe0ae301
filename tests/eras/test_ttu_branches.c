// SPDX-License-Identifier: GPL-2.0-only
/*
 * The branches of each era's try_to_unmap_one, one test per branch, run
 * in every era: the resulting entry, counters, flags and data.
 *
 *   0x10000000   anon page (MAP_LOCKED for the mlock test)
 *   0x40000000   hugetlbfs file, 1 GiB, one process (no sharing)
 */
#include "arch/x86/cpu.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/hugetlb.h"
#include "mm/mmu_notifier.h"
#include "mm/migrate.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/swap_state.h"
#include "scenario/world.h"
#include "sim/strategy.h"
#include "tests/helpers.h"
#include "tests/tap.h"

#define VA_ANON 0x10000000ull
#define VA_HUGE 0x40000000ull

static struct world_op setup[] = {
	{ .kind = OP_WRITE, .proc = 0, .file = -1, .addr = VA_ANON },
	{ .kind = OP_WRITE, .proc = 0, .file = -1, .addr = VA_HUGE },
};

/* Build and set up the world; leaves the machine for the test. */
static void world(const char *era, int anon_flags)
{
	struct world_spec w = { .nfiles = 1, .nprocs = 1, .nmaps = 2 };
	struct run_options o = { .era = era_find(era), .max_steps = 100000 };
	struct sim_random rnd;
	struct run_result r;

	w.mc = (struct machine_config){ .nr_cpus = 2, .mem_bytes = 64 << 20,
					.hugetlb_2m = 4, .swap_pages = 64 };
	w.files[0] = (struct world_file){ "db", FILE_HUGETLBFS, 1ull << 30,
					  HPAGE_PMD_ORDER };
	w.procs[0] = (struct world_proc){ "p1", -1 };
	w.maps[0] = (struct world_map){ .proc = 0, .file = -1,
					.addr = VA_ANON, .len = 1 << 20,
					.prot = PROT_READ | PROT_WRITE,
					.flags = MAP_PRIVATE | MAP_ANONYMOUS |
						 anon_flags };
	w.maps[1] = (struct world_map){ .proc = 0, .file = 0,
					.addr = VA_HUGE, .len = 1ull << 30,
					.prot = PROT_READ | PROT_WRITE,
					.flags = MAP_SHARED };
	w.setup = setup;
	w.nsetup = 2;
	sim_random_init(&rnd, 1);
	CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
	CHECK_INT(r.outcome, ==, SIM_OK);
}

/* Run @fn in a simulated kernel thread on CPU 1. */
static void in_thread(void (*fn)(void *), void *arg)
{
	struct sim_config cfg = { .max_steps = 100000, .keep_events = true };

	sim_reset(&cfg);
	sim_thread_create("test", fn, arg, 1);
	CHECK_INT(sim_run(), ==, SIM_OK);
	if (sim.outcome)
		printf("# %s: %s\n", sim.violation.kind, sim.violation.msg);
}

/* The notifier calls of the last in_thread run, "name[start,end) ...". */
static const char *notifier_calls(void)
{
	static char seq[1024];

	return test_notifier_calls(seq, sizeof(seq));
}

/* Per era, in all_eras order: v4.4, v4.4-seed, v4.4.y, v4.19, v6.18. */
#define PG "[0x10000000,0x10001000)"
#define HPG "[0x40000000,0x40001000)"
#define PUD "[0x40000000,0x80000000)"
#define S "invalidate_range_start"
#define E "invalidate_range_end"
#define R "invalidate_range"
#define IP "invalidate_page"

static void check_calls(int era, const char *const want[5])
{
	if (!strcmp(all_eras[era]->name, "v4.4"))
		CHECK_STR(notifier_calls(), want[0]);
	else if (!strcmp(all_eras[era]->name, "v4.4-seed"))
		CHECK_STR(notifier_calls(), want[1]);
	else if (!strcmp(all_eras[era]->name, "v4.4.y"))
		CHECK_STR(notifier_calls(), want[2]);
	else if (!strcmp(all_eras[era]->name, "v4.19"))
		CHECK_STR(notifier_calls(), want[3]);
	else if (!strcmp(all_eras[era]->name, "v6.18"))
		CHECK_STR(notifier_calls(), want[4]);
}

static pteval_t *anon_pte(void)
{
	return pte_offset(mm_find_pmd(world_mm(0), VA_ANON), VA_ANON);
}

static pteval_t *huge_pte(void)
{
	return huge_pte_offset(world_mm(0), VA_HUGE, PMD_SIZE);
}

static struct page *anon_page(void)
{
	return pfn_to_page(pte_pfn(entry_read(anon_pte())));
}

static bool unmapped;

static void ttu_anon(void *arg)
{
	unsigned int flags = *(unsigned int *)arg;

	unmapped = mach.era->try_to_unmap(anon_page(), flags);
}

static void mlock_keeps_page(void)
{
	for (int e = 0; e < nr_eras; e++) {
		unsigned int flags = 0;
		pteval_t before;

		world(all_eras[e]->name, MAP_LOCKED);
		before = entry_read(anon_pte());
		in_thread(ttu_anon, &flags);
		CHECK(!unmapped);
		CHECK_U64(entry_read(anon_pte()), ==, before);
		CHECK(PageMlocked(anon_page()));
	}
}

/* 4.x: a young PTE fails the unmap and loses its Accessed bit; 6.18
 * has no such check (013339df116c) and goes on to the anon branch,
 * which aborts for a page that is not in the swap cache. */
static void young_check(void)
{
	for (int e = 0; e < nr_eras; e++) {
		unsigned int flags = 0;
		const struct era *era = all_eras[e];
		pteval_t after;

		world(era->name, 0);
		CHECK(pte_young(entry_read(anon_pte())));
		SetPageSwapCache(anon_page());	/* a swap slot is not needed */
		in_thread(ttu_anon, &flags);
		after = entry_read(anon_pte());
		CHECK(!unmapped);
		CHECK(pte_present(after));
		if (era->try_to_migrate)
			CHECK(pte_young(after));
		else
			CHECK(!pte_young(after));
	}
}

static int access_ret;
struct access_arg {
	int cpu;
	struct mm_struct *mm;
	uint64_t va;
	uint64_t *word;
};

static void do_access(void *p)
{
	struct access_arg *a = p;

	access_ret = cpu_access(a->cpu, a->mm, a->va, false, a->word);
}

static int cpu_access_in_thread(int cpu, struct mm_struct *mm, uint64_t va,
			 uint64_t *word)
{
	struct access_arg a = { cpu, mm, va, word };

	in_thread(do_access, &a);
	return access_ret;
}

static void hwpoison_entry_then_sigbus(void)
{
	for (int e = 0; e < nr_eras; e++) {
		unsigned int flags = TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS |
				     TTU_HWPOISON;
		uint64_t pfn, word;
		swp_entry_t entry;

		world(all_eras[e]->name, 0);
		pfn = pte_pfn(entry_read(anon_pte()));
		SetPageHWPoison(anon_page());
		in_thread(ttu_anon, &flags);
		/* hwpoison: no invalidate_range under the PTL from 4.19 */
		check_calls(e, (const char *const[]){
			IP PG, S PG " " R PG " " E PG, IP PG, S PG " " E PG,
			S PG " " E PG });
		CHECK(unmapped);
		entry = pte_to_swp_entry(entry_read(anon_pte()));
		CHECK(is_swap_pte(entry_read(anon_pte())));
		CHECK(is_hwpoison_entry(entry));
		CHECK_U64(swp_offset(entry), ==, pfn);
		CHECK_INT(cpu_access_in_thread(0, world_mm(0), VA_ANON, &word),
			  ==, ACCESS_SIGBUS);
	}
}

static void do_migrate(void *arg)
{
	access_ret = migrate_page_at(world_mm(0), *(uint64_t *)arg);
}

/* Migration: the entry points at a new frame holding the same data. */
static void migration_moves_data(void)
{
	for (int e = 0; e < nr_eras; e++) {
		uint64_t va = VA_ANON, old, word_before, word_after;

		world(all_eras[e]->name, 0);
		old = pte_pfn(entry_read(anon_pte()));
		word_before = mach.mem[old];
		in_thread(do_migrate, &va);
		/* migration: racers wait on the entry, no invalidate_range */
		check_calls(e, (const char *const[]){
			IP PG, S PG " " R PG " " E PG, IP PG, S PG " " E PG,
			S PG " " E PG });
		CHECK_INT(access_ret, ==, 0);
		CHECK(pte_present(entry_read(anon_pte())));
		CHECK_U64(pte_pfn(entry_read(anon_pte())), !=, old);
		CHECK_INT(cpu_access_in_thread(0, world_mm(0), VA_ANON,
					       &word_after),
			  ==, ACCESS_OK);
		CHECK_U64(word_after, ==, word_before);
		CHECK_INT(page_count(anon_page()), ==, 1);
		CHECK_INT(page_mapcount(anon_page()), ==, 1);
	}
}

static void ttu_file(void *arg)
{
	struct address_space *mapping = mach.files[0];
	unsigned int flags = TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS;
	struct page *page = pfn_to_page(pte_pfn(entry_read(huge_pte())));
	/* from 5.7 the caller holds i_mmap_rwsem to unmap hugetlb pages */
	bool locked = mach.era->hugetlb_migrate_takes_i_mmap;

	if (locked) {
		down_write(&mapping->i_mmap_rwsem);
		flags |= TTU_RMAP_LOCKED;
	}
	unmapped = mach.era->try_to_unmap(page, flags);
	if (locked)
		up_write(&mapping->i_mmap_rwsem);
}

/* A file page is unmapped to nothing: the page cache keeps it. */
static void file_page_unmapped(void)
{
	for (int e = 0; e < nr_eras; e++) {
		struct page *page;
		long rss;

		world(all_eras[e]->name, 0);
		page = pfn_to_page(pte_pfn(entry_read(huge_pte())));
		rss = world_mm(0)->rss_file;
		in_thread(ttu_file, NULL);
		/*
		 * file: the range is widened to the PUD where sharing is
		 * possible (a lone mapping of the whole PUD); 4.19 adds no
		 * invalidate_range (the locked page cannot be replaced).
		 */
		check_calls(e, (const char *const[]){
			IP HPG, S PUD " " R PUD " " E PUD,
			S PUD " " IP HPG " " E PUD, S PUD " " E PUD,
			S PUD " " E PUD });
		CHECK(unmapped);
		CHECK(pte_none(entry_read(huge_pte())));
		CHECK(!page_mapped(page));
		CHECK_INT(page_count(page), ==, 1);	/* the page cache */
		CHECK_INT(world_mm(0)->rss_file, ==, rss - 512);
	}
}

static void swap_out(void *arg)
{
	struct page *page = anon_page();

	lock_page(page);
	CHECK_INT(add_to_swap(page), ==, 0);
	unmapped = mach.era->try_to_unmap(page, TTU_IGNORE_MLOCK |
						TTU_IGNORE_ACCESS);
	unlock_page(page);
}

/* The anon swap-out branch: a swap entry naming the page's slot. */
static void anon_swap_entry(void)
{
	for (int e = 0; e < nr_eras; e++) {
		uint64_t slot;
		pteval_t pte;

		world(all_eras[e]->name, 0);
		in_thread(swap_out, NULL);
		CHECK(unmapped);
		pte = entry_read(anon_pte());
		CHECK(is_swap_pte(pte));
		slot = swp_offset(pte_to_swp_entry(pte));
		CHECK_U64(slot, !=, 0);
		CHECK_INT(swp_type(pte_to_swp_entry(pte)), ==, 0);
		CHECK_INT(world_mm(0)->rss_swap, ==, 1);
		/* 4.19 invalidates under the PTL: the slot may be reused */
		check_calls(e, (const char *const[]){
			IP PG, S PG " " R PG " " E PG, IP PG,
			S PG " " R PG " " E PG, S PG " " E PG });
	}
}

#define VA_SHM 0x20000000ull

/*
 * try_to_munlock (TTU_MUNLOCK, <= 5.15): p1 and p2 both mlock a shared
 * shmem page; p1's munlock clears PG_mlocked, and the rmap walk with
 * TTU_MUNLOCK finds p2's VM_LOCKED VMA and mlocks the page again.  Once
 * p2 munlocks too, it stays clear.
 */
static void munlock_walks_the_rmap(void)
{
	struct world_op mlock_both[] = {
		{ .kind = OP_MLOCK, .proc = 0, .file = -1, .addr = VA_SHM,
		  .len = PAGE_SIZE },
		{ .kind = OP_MLOCK, .proc = 1, .file = -1, .addr = VA_SHM,
		  .len = PAGE_SIZE },
	};
	struct world_op unlock[] = {
		{ .kind = OP_MUNLOCK, .proc = 0, .file = -1, .addr = VA_SHM,
		  .len = PAGE_SIZE },
		{ .kind = OP_MUNLOCK, .proc = 1, .file = -1, .addr = VA_SHM,
		  .len = PAGE_SIZE },
	};

	for (int e = 0; e < nr_eras; e++) {
		struct world_spec w = { .nfiles = 1, .nprocs = 2, .nmaps = 2,
					.nthreads = 1 };
		struct run_options o = { .era = all_eras[e],
					 .max_steps = 100000 };
		struct sim_random rnd;
		struct run_result r;
		struct page *page;

		if (!all_eras[e]->has_ttu_munlock)
			continue;
		w.mc = (struct machine_config){ .nr_cpus = 2,
						.mem_bytes = 64 << 20 };
		w.files[0] = (struct world_file){ "shm", FILE_SHMEM, 64 << 10,
						  0 };
		for (int p = 0; p < 2; p++) {
			w.procs[p] = (struct world_proc){ "p", -1 };
			w.maps[p] = (struct world_map){
				.proc = p, .file = 0, .addr = VA_SHM,
				.len = 64 << 10,
				.prot = PROT_READ | PROT_WRITE,
				.flags = MAP_SHARED };
		}
		w.setup = mlock_both;
		w.nsetup = 2;
		w.threads[0] = (struct world_thread){
			.name = "k", .kind = THREAD_KERNEL, .cpu = 1,
			.proc = 0, .mmu = -1, .ops = unlock, .nops = 1 };
		sim_random_init(&rnd, 1);
		CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
		page = pfn_to_page(pte_pfn(entry_read(pte_offset(
			mm_find_pmd(world_mm(0), VA_SHM), VA_SHM))));
		CHECK(PageMlocked(page));
		w.threads[0].nops = 2;
		CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
		page = pfn_to_page(pte_pfn(entry_read(pte_offset(
			mm_find_pmd(world_mm(0), VA_SHM), VA_SHM))));
		CHECK(!PageMlocked(page));
	}
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(mlock_keeps_page), TEST(young_check),
	 TEST(hwpoison_entry_then_sigbus), TEST(migration_moves_data),
	 TEST(file_page_unmapped), TEST(anon_swap_entry),
	 TEST(munlock_walks_the_rmap),
	 TEST(cleanup))
