// SPDX-License-Identifier: GPL-2.0-only
/*
 * Built-in scenarios written in C.
 *
 * pmd-share-migrate (the seed): two processes map one 1 GiB hugetlbfs file
 * at the same PUD-aligned address, so their PMD table is shared.  Each
 * has a CPU that touched the first huge page during setup (its TLB holds
 * the 2M translation); the CPUs keep writing and reading it while a
 * migration thread migrates that huge page.
 *
 *   0x40000000                                   0x80000000
 *   |<---------------- db, 1 GiB, 2M pages ----------->|   p1 and p2
 *   [HP0]...                                               PMD table shared
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/mm.h"
#include "scenario/builtin.h"

static struct world_op *ops_dup(const struct world_op *ops, int n)
{
	struct world_op *o = malloc((size_t)n * sizeof(*o));

	if (o)
		memcpy(o, ops, (size_t)n * sizeof(*o));
	return o;
}

#define VA_DB 0x40000000ull
#define HP(n) (VA_DB + (uint64_t)(n) * (2ull << 20))

/*
 * The common shape: processes mapping one 1 GiB hugetlbfs file at the
 * same PUD-aligned address (so they share a PMD table), a CPU thread
 * each, and a migration thread.  @touch is how many huge pages setup
 * writes in each process (so that each CPU's TLB caches them).
 */
static void shared_hugetlb_world(struct world_spec *w, const char *name,
				 int nprocs, int touch)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->mc.nr_cpus = nprocs + 1;
	w->mc.mem_bytes = 64ull << 20;
	w->mc.hugetlb_2m = 8;
	w->files[w->nfiles++] = (struct world_file){ "db", FILE_HUGETLBFS,
						     1ull << 30,
						     HPAGE_PMD_ORDER };
	w->setup = calloc((size_t)(nprocs * touch) + 1, sizeof(*w->setup));
	for (int p = 0; p < nprocs; p++) {
		snprintf(w->procs[p].name, sizeof(w->procs[p].name), "p%d",
			 p + 1);
		w->procs[p].fork_of = -1;
		w->maps[w->nmaps++] = (struct world_map){
			.proc = p, .file = 0, .addr = VA_DB, .len = 1ull << 30,
			.prot = PROT_READ | PROT_WRITE, .flags = MAP_SHARED,
		};
		for (int h = 0; h < touch; h++)
			w->setup[w->nsetup++] = (struct world_op){
				.kind = OP_WRITE, .proc = (int8_t)p,
				.file = -1, .addr = HP(h),
			};
	}
	w->nprocs = nprocs;
}

static void add_thread(struct world_spec *w, const char *name, int kind,
		       int cpu, int proc, const struct world_op *ops, int n)
{
	struct world_thread *t = &w->threads[w->nthreads++];

	snprintf(t->name, sizeof(t->name), "%s", name);
	t->kind = kind;
	t->cpu = cpu;
	t->proc = proc;
	t->mmu = -1;
	t->ops = ops_dup(ops, n);
	t->nops = n;
}

static void expect(struct world_spec *w, const char *era, const char *v)
{
	struct world_expect *e = &w->expect[w->nexpect++];

	snprintf(e->era, sizeof(e->era), "%s", era);
	snprintf(e->violation, sizeof(e->violation), "%s", v);
}

#define OPS(...) (const struct world_op[]){ __VA_ARGS__ }, \
	(int)(sizeof((const struct world_op[]){ __VA_ARGS__ }) / \
	      sizeof(struct world_op))
#define REPEAT(n) { .kind = OP_REPEAT, .proc = -1, .file = -1, .arg = (n) }
#define END { .kind = OP_END, .proc = -1, .file = -1 }
#define WRITE(a) { .kind = OP_WRITE, .proc = -1, .file = -1, .addr = (a) }
#define READ(a) { .kind = OP_READ, .proc = -1, .file = -1, .addr = (a) }
#define MIGRATE(p, a) { .kind = OP_MIGRATE, .proc = (p), .file = -1, \
			.addr = (a) }

static int pmd_share_migrate(struct world_spec *w)
{
	static const char *const names[] = { "p1-cpu0", "p2-cpu1" };

	shared_hugetlb_world(w, "pmd-share-migrate", 2, 1);
	for (int p = 0; p < 2; p++)
		add_thread(w, names[p], THREAD_CPU, p, p,
			   OPS(REPEAT(3), WRITE(HP(0)), READ(HP(0)), END));
	add_thread(w, "migrate", THREAD_KERNEL, 2, 0, OPS(MIGRATE(0, HP(0))));
	expect(w, "v4.4", "lost-write");
	expect(w, "", "");
	return 0;
}

/*
 * Memory failure on the shared huge page: 4.4 replaces the shared entry
 * with a hwpoison entry and flushes only p1, so p2 keeps using the
 * poisoned frame.
 */
static int pmd_share_poison(struct world_spec *w)
{
	shared_hugetlb_world(w, "pmd-share-poison", 2, 1);
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(2), READ(HP(0)), END));
	add_thread(w, "p2-cpu1", THREAD_CPU, 1, 1,
		   OPS(REPEAT(3), WRITE(HP(0)), END));
	add_thread(w, "mce", THREAD_KERNEL, 2, 0,
		   OPS({ .kind = OP_POISON, .proc = 0, .file = -1,
			 .addr = HP(0) }));
	expect(w, "v4.4", "uaf");
	expect(w, "", "");
	return 0;
}

/*
 * CVE-2021-4002: p1 and p2 share the PMD table; p1's CPU caches the PUD
 * entry (a path through the table) and keeps reading.  p1 unmaps one
 * huge page (which unshares the table: no page table of p1 is freed, so
 * nothing else flushes), p2 exits (the table is freed), then p1's CPU
 * walks to HP1 through its cached path: without the PUD flush at unshare
 * that path is a freed table.
 */
static int bug_cve_2021_4002(struct world_spec *w)
{
	shared_hugetlb_world(w, "bug-cve-2021-4002", 2, 1);
	w->mc.nr_cpus = 4;
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(3), READ(HP(1)), END));
	add_thread(w, "p1-munmap", THREAD_CPU, 2, 0,
		   OPS({ .kind = OP_MUNMAP, .proc = -1, .file = -1,
			 .addr = HP(0), .len = 2ull << 20 }));
	add_thread(w, "p2-exit", THREAD_CPU, 1, 1,
		   OPS({ .kind = OP_EXIT, .proc = -1, .file = -1 }));
	expect(w, "", "");
	return 0;
}

#define VA_ANON 0x10000000ull

/* One process with one private anonymous page, written in setup. */
static void anon_world(struct world_spec *w, const char *name, int cpus)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->mc.nr_cpus = cpus;
	w->mc.mem_bytes = 64ull << 20;
	w->mc.swap_pages = 64;
	w->procs[w->nprocs++] = (struct world_proc){ "p1", -1 };
	w->maps[w->nmaps++] = (struct world_map){
		.proc = 0, .file = -1, .addr = VA_ANON, .len = 1 << 20,
		.prot = PROT_READ | PROT_WRITE,
		.flags = MAP_PRIVATE | MAP_ANONYMOUS,
	};
	w->setup = calloc(1, sizeof(*w->setup));
	w->setup[w->nsetup++] = (struct world_op){ .kind = OP_WRITE,
						   .proc = 0, .file = -1,
						   .addr = VA_ANON };
}

/*
 * 3ea277194daa: reclaim clears the PTE and defers the flush; mprotect
 * finds no PTE, changes nothing and returns; cpu0 still writes through
 * its cached writable entry.  Also the reclaim-vs-mprotect seed race.
 */
static int reclaim_mprotect(struct world_spec *w)
{
	anon_world(w, "reclaim-mprotect", 3);
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(3), WRITE(VA_ANON), END));
	add_thread(w, "p1-cpu1", THREAD_CPU, 1, 0,
		   OPS({ .kind = OP_MPROTECT, .proc = -1, .file = -1,
			 .addr = VA_ANON, .len = PAGE_SIZE,
			 .prot = PROT_READ }));
	add_thread(w, "kswapd", THREAD_KERNEL, 2, 0,
		   OPS({ .kind = OP_RECLAIM, .proc = 0, .file = -1,
			 .addr = VA_ANON, .len = PAGE_SIZE }));
	expect(w, "", "");
	return 0;
}

/*
 * The switch's own scenario: the page was only read, so its PTE is clean
 * and reclaim's batch is flushed only after writeback; mprotect(PROT_NONE)
 * in that window finds no PTE, and cpu0 keeps reading.
 */
static int bug_batched_flush_not_pending(struct world_spec *w)
{
	anon_world(w, "bug-batched-flush-not-pending", 3);
	w->setup[0].kind = OP_READ;
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(3), READ(VA_ANON), END));
	add_thread(w, "p1-cpu1", THREAD_CPU, 1, 0,
		   OPS({ .kind = OP_MPROTECT, .proc = -1, .file = -1,
			 .addr = VA_ANON, .len = PAGE_SIZE,
			 .prot = PROT_NONE }));
	add_thread(w, "kswapd", THREAD_KERNEL, 2, 0,
		   OPS({ .kind = OP_RECLAIM, .proc = 0, .file = -1,
			 .addr = VA_ANON, .len = PAGE_SIZE }));
	expect(w, "", "");
	return 0;
}

#define VA_OLD 0x20000000ull
#define VA_NEW 0x30000000ull

/*
 * CVE-2018-18281: cpu0 caches a shmem page at VA_OLD; mremap moves it to
 * VA_NEW; truncate finds it there, flushes VA_NEW and frees it.  If the
 * old range is flushed only after the page-table locks are dropped, cpu0
 * reads a freed page.
 */
static int bug_cve_2018_18281(struct world_spec *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "bug-cve-2018-18281");
	w->mc.nr_cpus = 3;
	w->mc.mem_bytes = 64ull << 20;
	w->files[w->nfiles++] = (struct world_file){ "f", FILE_SHMEM,
						     64 << 10, 0 };
	w->procs[w->nprocs++] = (struct world_proc){ "p1", -1 };
	w->maps[w->nmaps++] = (struct world_map){
		.proc = 0, .file = 0, .addr = VA_OLD, .len = PAGE_SIZE,
		.prot = PROT_READ | PROT_WRITE, .flags = MAP_SHARED,
	};
	w->setup = calloc(1, sizeof(*w->setup));
	w->setup[w->nsetup++] = (struct world_op){ .kind = OP_WRITE,
						   .proc = 0, .file = -1,
						   .addr = VA_OLD };
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(3), READ(VA_OLD), END));
	add_thread(w, "p1-mremap", THREAD_CPU, 1, 0,
		   OPS({ .kind = OP_MREMAP, .proc = -1, .file = -1,
			 .addr = VA_OLD, .len = PAGE_SIZE, .arg = VA_NEW }));
	add_thread(w, "truncate", THREAD_KERNEL, 2, 0,
		   OPS({ .kind = OP_TRUNCATE, .proc = 0, .file = 0,
			 .arg = 0 }));
	expect(w, "", "");
	return 0;
}

#define GIB (1ull << 30)
#define VA_THP 0x10000000ull

/*
 * One process with a THP at VA_THP (MAP_HUGEPAGE), written in setup, a
 * KVM guest mapping it (its vCPU thread writes every page), a CPU
 * writing it, and a migration thread.  @split_pte: break the PMD mapping
 * first (MADV_DONTNEED of the last page), so the THP is PTE-mapped.
 */
static void thp_world(struct world_spec *w, const char *name, bool split_pte)
{
	static const struct world_op dev_ops[] = {
		{ .kind = OP_REPEAT, .proc = -1, .file = -1, .arg = 2 },
		{ .kind = OP_DMA_WRITE, .proc = -1, .file = -1,
		  .addr = VA_THP, .len = 64 << 10 },
		{ .kind = OP_END, .proc = -1, .file = -1 },
	};

	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->mc.nr_cpus = 3;
	w->mc.mem_bytes = 64ull << 20;
	w->procs[w->nprocs++] = (struct world_proc){ "p1", -1 };
	w->maps[w->nmaps++] = (struct world_map){
		.proc = 0, .file = -1, .addr = VA_THP, .len = 4ull << 20,
		.prot = PROT_READ | PROT_WRITE,
		.flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGEPAGE,
	};
	w->setup = calloc(2, sizeof(*w->setup));
	w->setup[w->nsetup++] = (struct world_op){ .kind = OP_WRITE,
						   .proc = 0, .file = -1,
						   .addr = VA_THP };
	if (split_pte)
		w->setup[w->nsetup++] = (struct world_op){
			.kind = OP_MADVISE, .proc = 0, .file = -1,
			.addr = VA_THP + (2ull << 20) - PAGE_SIZE,
			.len = PAGE_SIZE, .flags = MADV_DONTNEED,
		};
	w->mmus[w->nmmus++] = (struct world_mmu){ .name = "kvm0",
						  .kind = DEV_MMU_KVM,
						  .proc = 0 };
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(3), WRITE(VA_THP + 0x5000), END));
	add_thread(w, "migrate", THREAD_KERNEL, 2, 0,
		   OPS(MIGRATE(0, VA_THP)));
	w->threads[w->nthreads] = (struct world_thread){
		.name = "kvm0-vcpu", .kind = THREAD_DEVICE, .cpu = -1,
		.proc = 0, .mmu = 0, .ops = ops_dup(dev_ops, 3), .nops = 3,
	};
	w->nthreads++;
}

/* The seed's THP case: a PMD-mapped THP migrated under a KVM guest. */
static int thp_migrate_kvm(struct world_spec *w)
{
	thp_world(w, "thp-migrate-kvm", false);
	expect(w, "", "");
	return 0;
}

/*
 * 369ea8242c0f's pitfall: one page's worth of notification for a
 * PTE-mapped THP whose PTEs are all cleared.
 */
static int bug_notify_single_page(struct world_spec *w)
{
	thp_world(w, "bug-notify-single-page", true);
	expect(w, "", "");
	return 0;
}

/*
 * 75802ca66354: a hole punched across the PUD boundary at 2 GiB of a
 * 2 GiB mapping [1G, 3G) shared by p1 and p2 (both PUDs' PMD tables
 * shared).  The loop form of adjust_range_if_pmd_sharing_possible widens
 * [2G-2M, 2G+2M) only to [1G, 2G+2M), so unsharing the second PUD
 * happens outside the notified range of p1, which has a KVM guest.
 *
 *   1G                       2G                       3G
 *   |<------ PUD 1 --------->|<------ PUD 2 --------->|   p1, p2
 *                        [ hole ]
 */
static int bug_adjust_range(struct world_spec *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "bug-adjust-range");
	w->mc.nr_cpus = 3;
	w->mc.mem_bytes = 64ull << 20;
	w->mc.hugetlb_2m = 8;
	w->files[w->nfiles++] = (struct world_file){ "db", FILE_HUGETLBFS,
						     2 * GIB,
						     HPAGE_PMD_ORDER };
	w->setup = calloc(4, sizeof(*w->setup));
	for (int p = 0; p < 2; p++) {
		snprintf(w->procs[p].name, sizeof(w->procs[p].name), "p%d",
			 p + 1);
		w->procs[p].fork_of = -1;
		w->maps[w->nmaps++] = (struct world_map){
			.proc = p, .file = 0, .addr = GIB, .len = 2 * GIB,
			.prot = PROT_READ | PROT_WRITE, .flags = MAP_SHARED,
		};
		w->setup[w->nsetup++] = (struct world_op){
			.kind = OP_WRITE, .proc = (int8_t)p, .file = -1,
			.addr = GIB };
		w->setup[w->nsetup++] = (struct world_op){
			.kind = OP_WRITE, .proc = (int8_t)p, .file = -1,
			.addr = 2 * GIB };
	}
	w->nprocs = 2;
	w->mmus[w->nmmus++] = (struct world_mmu){ .name = "kvm0",
						  .kind = DEV_MMU_KVM,
						  .proc = 0 };
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(2), READ(GIB), READ(2 * GIB), END));
	add_thread(w, "punch", THREAD_KERNEL, 2, 0,
		   OPS({ .kind = OP_TRUNCATE, .proc = 0, .file = 0,
			 .arg = GIB - (2ull << 20), .len = 4ull << 20 }));
	expect(w, "", "");
	return 0;
}

/* The same race, for the switch that removes the unshare from 4.19+. */
static int bug_pmd_share_no_unshare(struct world_spec *w)
{
	pmd_share_migrate(w);
	snprintf(w->name, sizeof(w->name), "bug-pmd-share-no-unshare");
	return 0;
}

/*
 * p1 caches HP1 and keeps writing it; HP0 is migrated first (p1 unshares
 * the table: with a narrow flush its TLB keeps HP1), then HP1.
 */
static int bug_pmd_share_narrow_range(struct world_spec *w)
{
	shared_hugetlb_world(w, "bug-pmd-share-narrow-range", 2, 2);
	add_thread(w, "p1-cpu0", THREAD_CPU, 0, 0,
		   OPS(REPEAT(4), WRITE(HP(1)), END));
	add_thread(w, "p2-cpu1", THREAD_CPU, 1, 1,
		   OPS(REPEAT(2), WRITE(HP(0)), END));
	add_thread(w, "migrate", THREAD_KERNEL, 2, 0,
		   OPS(MIGRATE(1, HP(0)), MIGRATE(1, HP(1))));
	expect(w, "", "");
	return 0;
}

/*
 * p1 maps the file but never touches it, and comes first in i_mmap: the
 * rmap walk finds no PTE there, the path that returned early.
 */
static int bug_notifier_early_exit(struct world_spec *w)
{
	shared_hugetlb_world(w, "bug-notifier-early-exit", 2, 1);
	/* only p2 touches: drop p1's setup write */
	w->setup[0] = w->setup[1];
	w->nsetup = 1;
	w->mc.era = era_find("v4.4-seed");
	add_thread(w, "p2-cpu1", THREAD_CPU, 1, 1,
		   OPS(REPEAT(2), WRITE(HP(0)), END));
	add_thread(w, "migrate", THREAD_KERNEL, 2, 1,
		   OPS(MIGRATE(1, HP(0))));
	expect(w, "", "");
	return 0;
}

/*
 * The seed with a secondary MMU on p2, whose VMA the rmap walk visits
 * second (i_mmap is in creation order: p1's first), and p2's device
 * engine writing and reading the huge page while it migrates.  What each
 * era gives is a finding, not an expectation: none is stated.
 */
static int pmd_share_migrate_dev(struct world_spec *w, int kind)
{
	static const struct world_op dev_ops[] = {
		{ .kind = OP_REPEAT, .proc = -1, .file = -1, .arg = 3 },
		{ .kind = OP_DMA_WRITE, .proc = -1, .addr = VA_DB },
		{ .kind = OP_DMA_READ, .proc = -1, .addr = VA_DB },
		{ .kind = OP_END, .proc = -1 },
	};
	struct world_thread *t;

	pmd_share_migrate(w);
	snprintf(w->name, sizeof(w->name), "pmd-share-migrate-%s",
		 kind == DEV_MMU_IOMMU_SVA ? "iommu" : dev_mmu_kind_name(kind));
	/* any violation under 4.4 (which one depends on the device) */
	w->nexpect = 0;
	expect(w, "v4.4", WORLD_EXPECT_ANY);
	expect(w, "", "");
	w->mmus[w->nmmus] = (struct world_mmu){ .kind = kind, .proc = 1 };
	snprintf(w->mmus[w->nmmus].name, sizeof(w->mmus[0].name), "%s",
		 dev_mmu_kind_name(kind));
	t = &w->threads[w->nthreads++];
	*t = (struct world_thread){
		.kind = THREAD_DEVICE, .cpu = -1, .proc = 1,
		.mmu = w->nmmus++, .ops = ops_dup(dev_ops, 4), .nops = 4,
	};
	snprintf(t->name, sizeof(t->name), "p2-dev");
	return 0;
}

static int pmd_share_migrate_odp(struct world_spec *w)
{
	return pmd_share_migrate_dev(w, DEV_MMU_ODP);
}

static int pmd_share_migrate_iommu(struct world_spec *w)
{
	return pmd_share_migrate_dev(w, DEV_MMU_IOMMU_SVA);
}

static int pmd_share_migrate_kvm(struct world_spec *w)
{
	return pmd_share_migrate_dev(w, DEV_MMU_KVM);
}

const struct builtin builtins[] = {
	{ "pmd-share-migrate",
	  "hugetlb page migrated while two mms share its PMD table",
	  pmd_share_migrate },
	{ "pmd-share-migrate-odp",
	  "the seed with an RDMA ODP device on the second sharer",
	  pmd_share_migrate_odp },
	{ "pmd-share-migrate-iommu",
	  "the seed with an IOMMU SVA device on the second sharer",
	  pmd_share_migrate_iommu },
	{ "pmd-share-migrate-kvm",
	  "the seed with a KVM guest on the second sharer",
	  pmd_share_migrate_kvm },
	{ "pmd-share-poison",
	  "memory failure of a hugetlb page whose PMD table is shared",
	  pmd_share_poison },
	{ "bug-pmd-share-no-unshare", "for --bug pmd-share-no-unshare",
	  bug_pmd_share_no_unshare },
	{ "bug-pmd-share-narrow-range", "for --bug pmd-share-narrow-range",
	  bug_pmd_share_narrow_range },
	{ "bug-notifier-early-exit", "for --bug notifier-early-exit",
	  bug_notifier_early_exit },
	{ "reclaim-mprotect",
	  "reclaim defers its flush while mprotect write-protects the page",
	  reclaim_mprotect },
	{ "bug-cve-2021-4002", "for --bug cve-2021-4002", bug_cve_2021_4002 },
	{ "bug-adjust-range", "for --bug adjust-range-pre-75802ca66354",
	  bug_adjust_range },
	{ "thp-migrate-kvm",
	  "a PMD-mapped THP migrated while a KVM guest maps it",
	  thp_migrate_kvm },
	{ "bug-notify-single-page", "for --bug notify-single-page",
	  bug_notify_single_page },
	{ "bug-batched-flush-not-pending",
	  "for --bug batched-flush-not-pending",
	  bug_batched_flush_not_pending },
	{ "bug-cve-2018-18281", "for --bug cve-2018-18281",
	  bug_cve_2018_18281 },
};

const int nr_builtins = sizeof(builtins) / sizeof(builtins[0]);

const struct builtin *builtin_find(const char *name)
{
	for (int i = 0; i < nr_builtins; i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}
