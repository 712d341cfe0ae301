// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mm paths racing CPU accesses under many random schedules, with no
 * bug switch on: no oracle may fire and the invariants hold at the end
 * of every run (world_run checks them).
 *
 *   0x10000000              0x10010000
 *   |<--- anon, 16 pages --->|  p0 (cpu0, cpu1 write and read it)
 *   a third thread munmaps / mprotects / mremaps it, or forks a child
 *   that writes and exits
 */
#include "scenario/world.h"
#include "tests/mm/mm_test.h"

#define VA 0x10000000ull
#define LEN (16 * PAGE_SIZE)
#define SEEDS 200

static const struct world_op cpu_ops[] = {
	{ .kind = OP_REPEAT, .proc = -1, .file = -1, .arg = 4 },
	{ .kind = OP_WRITE, .proc = -1, .addr = VA, .len = 4 * PAGE_SIZE },
	{ .kind = OP_READ, .proc = -1, .addr = VA + 2 * PAGE_SIZE,
	  .len = 4 * PAGE_SIZE },
	{ .kind = OP_END, .proc = -1 },
};

static void build(struct world_spec *w, const struct world_op *kops, int n)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "race");
	w->mc.nr_cpus = 3;
	w->mc.mem_bytes = 16 * MB;
	w->mc.swap_pages = 16;
	w->procs[w->nprocs++] = (struct world_proc){ "p0", -1 };
	w->procs[w->nprocs++] = (struct world_proc){ "child", 0 };
	w->maps[w->nmaps++] = (struct world_map){
		.proc = 0, .file = -1, .addr = VA, .len = LEN,
		.prot = PROT_READ | PROT_WRITE,
		.flags = MAP_PRIVATE | MAP_ANONYMOUS,
	};
	for (int c = 0; c < 2; c++) {
		struct world_thread *t = &w->threads[w->nthreads++];

		snprintf(t->name, sizeof(t->name), "cpu%d", c & 3);
		t->kind = THREAD_CPU;
		t->cpu = c;
		t->proc = 0;
		t->mmu = -1;
		t->ops = malloc(sizeof(cpu_ops));
		memcpy(t->ops, cpu_ops, sizeof(cpu_ops));
		t->nops = 4;
	}
	w->threads[w->nthreads] = (struct world_thread){
		.name = "syscall", .kind = THREAD_CPU, .cpu = 2, .proc = 0,
		.mmu = -1, .ops = malloc((size_t)n * sizeof(*kops)), .nops = n,
	};
	memcpy(w->threads[w->nthreads++].ops, kops, (size_t)n * sizeof(*kops));
}

static void explore_era(const struct era *era, const struct world_op *kops,
			int n)
{
	struct world_spec w;
	struct run_options o = { .era = era, .max_steps = 1000000 };
	int bad = 0;

	build(&w, kops, n);
	for (uint64_t seed = 1; seed <= SEEDS && !bad; seed++) {
		struct sim_random r;
		struct run_result res;

		sim_random_init(&r, seed);
		CHECK_INT(world_run(&w, &o, &r.s, &res), ==, 0);
		if (res.outcome != SIM_OK) {
			printf("# %s seed %llu: %s: %s\n", era->name,
			       (unsigned long long)seed, res.violation.kind,
			       res.violation.msg);
			bad++;
		}
	}
	CHECK_INT(bad, ==, 0);
	world_spec_free(&w);
	swap_destroy();
	machine_destroy();
}

/* Every era: the paths here are the same code in each. */
static void explore_ops(const struct world_op *kops, int n)
{
	for (int i = 0; i < nr_eras; i++)
		explore_era(all_eras[i], kops, n);
}

static void munmap_vs_access(void)
{
	static const struct world_op k[] = {
		{ .kind = OP_MUNMAP, .proc = -1, .addr = VA + PAGE_SIZE,
		  .len = 4 * PAGE_SIZE },
	};

	explore_ops(k, 1);
}

static void mprotect_vs_access(void)
{
	static const struct world_op k[] = {
		{ .kind = OP_MPROTECT, .proc = -1, .addr = VA, .len = LEN,
		  .prot = PROT_READ },
		{ .kind = OP_MPROTECT, .proc = -1, .addr = VA, .len = LEN,
		  .prot = PROT_READ | PROT_WRITE },
	};

	explore_ops(k, 2);
}

static void mremap_vs_access(void)
{
	static const struct world_op k[] = {
		{ .kind = OP_MREMAP, .proc = -1, .addr = VA, .len = LEN,
		  .arg = 0x20000000ull },
	};

	explore_ops(k, 1);
}

static void fork_exit_vs_access(void)
{
	static const struct world_op k[] = {
		{ .kind = OP_FORK, .proc = -1, .target = 1 },
		{ .kind = OP_WRITE, .proc = 1, .addr = VA, .len = 2 * PAGE_SIZE },
		{ .kind = OP_EXIT, .proc = 1 },
	};

	/*
	 * Not the parent's exit: exit_mmap runs when the last user of the
	 * mm is gone, and the parent's CPU threads still use it.
	 */
	explore_ops(k, 3);
}

TAP_MAIN(TEST(munmap_vs_access), TEST(mprotect_vs_access),
	 TEST(mremap_vs_access), TEST(fork_exit_vs_access))
