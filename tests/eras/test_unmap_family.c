// SPDX-License-Identifier: GPL-2.0-only
/*
 * Single-threaded migration and reclaim keep every byte, in every era:
 * the bugs mmsim looks for are races and secondary MMUs, not sequential
 * errors.
 *
 *   0x10000000 +64K   anon, private: written in setup, then reclaimed or
 *                     migrated, then read back and written again
 *   0x40000000 +1G    hugetlbfs, shared: HP0 migrated
 */
#include "arch/x86/cpu.h"
#include "eras/era.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/swap_state.h"
#include "scenario/world.h"
#include "sim/strategy.h"
#include "tests/tap.h"

#define VA_ANON 0x10000000ull
#define ANON_LEN (64ull << 10)
#define VA_HUGE 0x40000000ull

static struct world_op setup[] = {
	{ .kind = OP_WRITE, .proc = 0, .file = -1, .addr = VA_ANON,
	  .len = ANON_LEN },
	{ .kind = OP_WRITE, .proc = 0, .file = -1, .addr = VA_HUGE },
};

static uint64_t before[ANON_LEN / PAGE_SIZE + 1];

static void world(const struct era *era, struct world_op *ops, int nops)
{
	struct world_spec w = { .nfiles = 1, .nprocs = 1, .nmaps = 2,
				.nthreads = 1 };
	struct run_options o = { .era = era, .max_steps = 1000000 };
	struct sim_random rnd;
	struct run_result r;

	w.mc = (struct machine_config){ .nr_cpus = 2, .mem_bytes = 64 << 20,
					.hugetlb_2m = 4, .swap_pages = 64 };
	w.files[0] = (struct world_file){ "db", FILE_HUGETLBFS, 1ull << 30,
					  HPAGE_PMD_ORDER };
	w.procs[0] = (struct world_proc){ "p1", -1 };
	w.maps[0] = (struct world_map){ .proc = 0, .file = -1,
					.addr = VA_ANON, .len = ANON_LEN,
					.prot = PROT_READ | PROT_WRITE,
					.flags = MAP_PRIVATE | MAP_ANONYMOUS };
	w.maps[1] = (struct world_map){ .proc = 0, .file = 0,
					.addr = VA_HUGE, .len = 1ull << 30,
					.prot = PROT_READ | PROT_WRITE,
					.flags = MAP_SHARED };
	w.setup = setup;
	w.nsetup = 2;
	w.threads[0] = (struct world_thread){ .name = "kthread",
					      .kind = THREAD_KERNEL, .cpu = 1,
					      .proc = 0, .mmu = -1,
					      .ops = ops, .nops = nops };
	sim_random_init(&rnd, 1);
	CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
	CHECK_INT(r.outcome, ==, SIM_OK);
	if (r.outcome)
		printf("# %s: %s: %s\n", era->name, r.violation.kind,
		       r.violation.msg);
}

static int nread;

static void read_back(void *arg)
{
	uint64_t word;

	for (uint64_t i = 0; i < ANON_LEN / PAGE_SIZE; i++) {
		CHECK_INT(cpu_access(0, world_mm(0), VA_ANON + i * PAGE_SIZE,
				     false, &word),
			  ==, ACCESS_OK);
		CHECK_U64(word, ==, before[i]);
		nread++;
	}
}

static void snapshot(void)
{
	pteval_t *pmd = mm_find_pmd(world_mm(0), VA_ANON);

	for (uint64_t i = 0; i < ANON_LEN / PAGE_SIZE; i++)
		before[i] = mach.mem[pte_pfn(entry_read(
			pte_offset(pmd, VA_ANON + i * PAGE_SIZE)))];
}

static void then_read(void)
{
	struct sim_config cfg = { .max_steps = 1000000 };

	nread = 0;
	sim_reset(&cfg);
	sim_thread_create("reader", read_back, NULL, 0);
	CHECK_INT(sim_run(), ==, SIM_OK);
	CHECK_INT(nread, ==, ANON_LEN / PAGE_SIZE);
}

static void reclaim_then_swap_in(void)
{
	struct world_op op = { .kind = OP_RECLAIM, .proc = -1, .file = -1,
			       .addr = VA_ANON, .len = ANON_LEN };

	for (int e = 0; e < nr_eras; e++) {
		pteval_t pte;

		/* the data as written in setup: run setup alone first */
		world(all_eras[e], NULL, 0);
		snapshot();
		world(all_eras[e], &op, 1);
		pte = entry_read(pte_offset(mm_find_pmd(world_mm(0), VA_ANON),
					    VA_ANON));
		CHECK(is_swap_pte(pte));
		CHECK_INT(world_mm(0)->rss_swap, ==, ANON_LEN / PAGE_SIZE);
		then_read();
		CHECK_INT(world_mm(0)->rss_swap, ==, 0);
	}
}

static void migrate_anon_and_huge(void)
{
	struct world_op ops[ANON_LEN / PAGE_SIZE + 1];
	int n = 0;

	for (uint64_t a = VA_ANON; a < VA_ANON + ANON_LEN; a += PAGE_SIZE)
		ops[n++] = (struct world_op){ .kind = OP_MIGRATE, .proc = -1,
					      .file = -1, .addr = a };
	ops[n++] = (struct world_op){ .kind = OP_MIGRATE, .proc = -1,
				      .file = -1, .addr = VA_HUGE };
	for (int e = 0; e < nr_eras; e++) {
		world(all_eras[e], NULL, 0);
		snapshot();
		world(all_eras[e], ops, n);
		then_read();
	}
}

static pteval_t anon_pte_now(void)
{
	return entry_read(pte_offset(mm_find_pmd(world_mm(0), VA_ANON),
				     VA_ANON));
}

/*
 * MADV_FREE (>= 4.5): a page left clean is discarded by reclaim (the
 * next read sees a new zero page); one written again is kept.
 */
static void madv_free_clean_and_redirtied(void)
{
	struct world_op clean[] = {
		{ .kind = OP_MADVISE, .proc = -1, .file = -1, .addr = VA_ANON,
		  .len = PAGE_SIZE, .flags = MADV_FREE },
		{ .kind = OP_RECLAIM, .proc = -1, .file = -1, .addr = VA_ANON,
		  .len = PAGE_SIZE },
	};
	struct world_op dirty[] = {
		clean[0],
		{ .kind = OP_WRITE, .proc = -1, .file = -1, .addr = VA_ANON },
		clean[1],
	};

	for (int e = 0; e < nr_eras; e++) {
		if (!all_eras[e]->has_madv_free)
			continue;
		world(all_eras[e], clean, 2);
		CHECK(pte_none(anon_pte_now()));
		CHECK_INT(world_mm(0)->rss_swap, ==, 0);
		world(all_eras[e], dirty, 3);
		CHECK(pte_present(anon_pte_now()));
		CHECK(PageSwapBacked(pfn_to_page(pte_pfn(anon_pte_now()))));
	}
}

#define VA_SHM 0x20000000ull

static void shm_world(const struct era *era, bool migrate)
{
	static struct world_op shm_setup[] = {
		{ .kind = OP_WRITE, .proc = 0, .file = -1, .addr = VA_SHM },
	};
	struct world_op op = { .kind = OP_MIGRATE, .proc = -1, .file = -1,
			       .addr = VA_SHM };
	struct world_spec w = { .nfiles = 1, .nprocs = 1, .nmaps = 1,
				.nthreads = 1 };
	struct run_options o = { .era = era, .max_steps = 1000000 };
	struct sim_random rnd;
	struct run_result r;

	w.mc = (struct machine_config){ .nr_cpus = 2, .mem_bytes = 64 << 20 };
	w.files[0] = (struct world_file){ "shm", FILE_SHMEM, 64 << 10, 0 };
	w.procs[0] = (struct world_proc){ "p1", -1 };
	w.maps[0] = (struct world_map){ .proc = 0, .file = 0, .addr = VA_SHM,
					.len = 64 << 10,
					.prot = PROT_READ | PROT_WRITE,
					.flags = MAP_SHARED };
	w.setup = shm_setup;
	w.nsetup = 1;
	w.threads[0] = (struct world_thread){ .name = "kthread",
					      .kind = THREAD_KERNEL, .cpu = 1,
					      .proc = 0, .mmu = -1,
					      .ops = &op, .nops = migrate };
	sim_random_init(&rnd, 1);
	CHECK_INT(world_run(&w, &o, &rnd.s, &r), ==, 0);
	CHECK_INT(r.outcome, ==, SIM_OK);
}

static uint64_t shm_pfn(void)
{
	return pte_pfn(entry_read(pte_offset(mm_find_pmd(world_mm(0), VA_SHM),
					     VA_SHM)));
}

/* A shmem page migrates: new frame, same data, page cache follows. */
static void migrate_shmem_page(void)
{
	for (int e = 0; e < nr_eras; e++) {
		uint64_t old, word, now;

		shm_world(all_eras[e], false);
		old = shm_pfn();
		word = mach.mem[old];
		shm_world(all_eras[e], true);
		now = shm_pfn();
		CHECK_U64(now, !=, old);
		CHECK_U64(mach.mem[now], ==, word);
		CHECK_U64(mach.files[0]->pages[0], ==, now + 1);
		CHECK_INT(page_count(pfn_to_page(now)), ==, 2);
	}
}

static void cleanup(void)
{
	sim_shutdown();
	machine_destroy();
}

TAP_MAIN(TEST(reclaim_then_swap_in), TEST(migrate_anon_and_huge),
	 TEST(migrate_shmem_page), TEST(madv_free_clean_and_redirtied),
	 TEST(cleanup))
