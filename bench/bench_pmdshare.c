// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlb PMD sharing at scale.
 *
 * One 1 GiB hugetlbfs file, every 2 MiB page faulted in, mapped
 * MAP_SHARED in N processes:
 *   aligned:    at a PUD-aligned address, so vma_shareable holds and the
 *               processes share one PMD table (each keeps its PGD and PUD);
 *   unaligned:  2 MiB off, so the mapping straddles two PUDs, no PUD is
 *               wholly inside the VMA and sharing is impossible.
 * Reported: page-table bytes per process (the model: table frames in use
 * after the mapping, less those before, over N), and the time to migrate
 * one huge page of the file (try_to_unmap over every mapper, copy,
 * remap) as N grows.
 *
 * The model builds every N: the mms, a file's i_mmap and an anon_vma's
 * VMA list grow on demand (MAX_MMS only bounds the id space).  Memory is
 * sized by N: the tables of N unshareable mappings are four frames per
 * process (PGD, PUD, two PMD tables).  On the host, real processes
 * map a real hugetlbfs file (memfd, MFD_HUGETLB) at the same kind of
 * address, and the page-table bytes are the growth of PageTables in
 * /proc/meminfo (its per-CPU deltas folded first), less what as many
 * processes that map nothing add.  The host runs every N in full mode
 * (N <= 64 in quick).
 *
 * Usage: bench_pmdshare [quick|full].  Table on stderr, JSON fragment
 * ("pmd_share": {...}) on stdout.
 */
#include "bench/host.h"

#include <sys/syscall.h>

#include "bench/bench.h"
#include "mm/hugetlb.h"
#include "mm/migrate.h"

#define GB (1ull << 30)
#define VA 0x4000000000ull	/* 256 GiB: PUD-aligned, free on the host */
#define UNALIGNED_OFF (2ull << 20)
#define MODEL_MAX_N 4096

static const int all_n[] = { 1, 64, 1024, 4096 };

/* ---- model ---- */

static int model_n;
static uint64_t model_va;
static struct mm_struct **model_mm;
static double migrate_ns;
static long tables_before, tables_after;

static long table_frames(void)
{
	long n = 0;

	for (uint64_t pfn = 0; pfn < mach.nr_frames; pfn++)
		n += PageTable(pfn_to_page(pfn));
	return n;
}

static void share_body(void *arg)
{
	struct address_space *f = mach.files[0];
	double t0;

	tables_before = table_frames();
	for (int i = 0; i < model_n; i++) {
		struct mm_struct *mm = model_mm[i];

		if (do_mmap(mm, model_va, GB, PROT_READ | PROT_WRITE,
			    MAP_SHARED, f, 0))
			abort();
		for (uint64_t a = model_va; a < model_va + GB; a += PMD_SIZE)
			if (handle_mm_fault(mm, a, true))
				abort();
	}
	tables_after = table_frames();
	t0 = now_ns();
	if (migrate_page_at(model_mm[0], model_va + 5 * PMD_SIZE)) {
		fprintf(stderr, "bench_pmdshare: migration failed\n");
		exit(1);
	}
	migrate_ns = now_ns() - t0;
	for (int i = 0; i < model_n; i++)
		exit_mmap(model_mm[i]);
}

struct share_result {
	double pt_bytes_per_proc;
	struct figure migrate_us;
};

static struct share_result model_share(int n, bool aligned, int nruns)
{
	struct machine_config mc = {
		.nr_cpus = 1,
		/*
		 * the file's 512 pages, room to migrate, and the tables:
		 * at most 4 a process (unshareable), plus slack
		 */
		.mem_bytes = GB + (128ull << 20) + (uint64_t)n * 4 * PAGE_SIZE,
		.hugetlb_2m = 512 + 16,
	};
	struct share_result r;
	double v[16];

	model_mm = calloc((size_t)n, sizeof(*model_mm));
	if (!model_mm)
		abort();

	for (int run = 0; run < nruns; run++) {
		bench_machine(&mc);
		if (!file_create("db", FILE_HUGETLBFS, GB, HPAGE_PMD_ORDER))
			abort();
		/* the mms exist before the run, as a scenario's do */
		for (int i = 0; i < n; i++)
			if (!(model_mm[i] = mm_alloc("p")))
				abort();
		tables_before = 0;
		model_n = n;
		model_va = aligned ? VA : VA + UNALIGNED_OFF;
		bench_run_thread(share_body, NULL);
		swap_destroy();
		v[run] = migrate_ns / 1e3;
		r.pt_bytes_per_proc = (double)(tables_after - tables_before) *
				      PAGE_SIZE / n;
	}
	r.migrate_us = figure_of(v, nruns);
	free(model_mm);
	model_mm = NULL;
	return r;
}

/* ---- host ---- */

static int host_fd = -1;

/*
 * PageTables is a vmstat counter with per-CPU deltas folded lazily: fold
 * them first (root only; without it the figure is off by up to the
 * per-CPU thresholds).
 */
static long host_page_tables_kb(void)
{
	host_write_long("/proc/sys/vm/stat_refresh", 1);
	return host_meminfo_kb("PageTables");
}

/*
 * The tables of the previous group's exited children are freed after an
 * RCU grace period: wait until the counter stops moving (at most 1 s).
 */
static long host_page_tables_settled_kb(void)
{
	long prev = host_page_tables_kb(), cur;

	for (int i = 0; i < 50; i++) {
		usleep(20000);
		cur = host_page_tables_kb();
		if (cur == prev)
			break;
		prev = cur;
	}
	return prev;
}

/*
 * Fork @n children that each map the file at @va (or map nothing when
 * @va is 0), fault it all in, and wait; returns the growth of PageTables
 * in bytes, read while all of them are alive.
 */
static long host_tables(int n, uint64_t va)
{
	int ready[2], go[2];
	long before, after;
	char b;

	if (pipe(ready) || pipe(go))
		exit(3);
	before = host_page_tables_settled_kb();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("bench_pmdshare: fork");
			exit(3);
		}
		if (pid)
			continue;
		close(go[1]);
		if (va && mmap((void *)va, GB, H_PROT_RW,
			       H_MAP_SHARED | H_MAP_POPULATE |
			       H_MAP_FIXED_NOREPLACE, host_fd, 0) !=
				  (void *)va)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		/* wait for the parent to close go: EOF */
		while (read(go[0], &b, 1) > 0)
			;
		_exit(0);
	}
	close(go[0]);
	for (int i = 0; i < n; i++)
		if (read(ready[0], &b, 1) != 1) {
			fprintf(stderr, "bench_pmdshare: a child failed\n");
			exit(3);
		}
	after = host_page_tables_kb();
	close(go[1]);
	for (int i = 0; i < n; i++)
		wait(NULL);
	close(ready[0]);
	close(ready[1]);
	return (after - before) * 1024;
}

int main(int argc, char **argv)
{
	bool quick = bench_is_quick(argc, argv, "bench_pmdshare");
	int nn = quick ? 2 : 4, nruns = BENCH_MIN_RUNS;
	int host_max_n = quick ? 64 : 4096;
	struct share_result m[4][2];
	double host_pt[4][2];
	bool host_ok;
	char why[160] = "";

	host_ok = !host_hugepages_reserve(512, why, sizeof(why));
	if (host_ok) {
		char *p;

		host_fd = (int)syscall(SYS_memfd_create, "db", MFD_HUGETLB);
		if (host_fd < 0 || ftruncate(host_fd, (off_t)GB)) {
			snprintf(why, sizeof(why), "memfd_create: %s",
				 strerror(errno));
			host_ok = false;
		} else {
			/* fault the file in once: the children only map */
			p = mmap(NULL, GB, H_PROT_RW,
				 H_MAP_SHARED | H_MAP_POPULATE, host_fd, 0);
			if (p == MAP_FAILED) {
				snprintf(why, sizeof(why), "mmap: %s",
					 strerror(errno));
				host_ok = false;
			} else {
				munmap(p, GB);
			}
		}
	}

	/*
	 * The host first, while this process is small: every child is a
	 * fork of it, and its own tables are in the baseline groups.
	 */
	for (int i = 0; i < nn; i++) {
		int n = all_n[i];

		host_pt[i][0] = host_pt[i][1] = -1;
		if (!host_ok || n > host_max_n)
			continue;
		for (int a = 0; a < 2; a++) {
			double v[BENCH_MIN_RUNS];

			/* each run less a same-size do-nothing group */
			for (int run = 0; run < nruns; run++) {
				long base = host_tables(n, 0);
				long t = host_tables(n, a ? VA + UNALIGNED_OFF :
							    VA);

				v[run] = (double)(t - base) / n;
			}
			host_pt[i][a] = figure_of(v, nruns).median;
		}
	}
	for (int i = 0; i < nn; i++)
		if (all_n[i] <= MODEL_MAX_N)
			for (int a = 0; a < 2; a++)
				m[i][a] = model_share(all_n[i], !a, nruns);
	if (host_fd >= 0)
		close(host_fd);
	host_hugepages_restore();
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "PMD sharing (%s): 1 GiB hugetlbfs file, all 512 "
		"pages in, mapped in N processes\n", quick ? "quick" : "full");
	if (!host_ok)
		fprintf(stderr, "  host skipped: %s\n", why);
	fprintf(stderr, "  %5s %14s %14s %14s %14s %22s %22s\n", "N",
		"model PT B/p", "model PT B/p", "host PT B/p", "host PT B/p",
		"migrate 1 page (us)", "migrate 1 page (us)");
	fprintf(stderr, "  %5s %14s %14s %14s %14s %22s %22s\n", "",
		"shared", "unshareable", "shared", "unshareable", "shared",
		"unshareable");
	for (int i = 0; i < nn; i++) {
		char hs[2][24], ms[2][40], mp[2][24];

		for (int a = 0; a < 2; a++) {
			if (host_pt[i][a] < 0)
				snprintf(hs[a], sizeof(hs[a]), "(not run)");
			else
				snprintf(hs[a], sizeof(hs[a]), "%.0f",
					 host_pt[i][a]);
			if (all_n[i] <= MODEL_MAX_N) {
				snprintf(mp[a], sizeof(mp[a]), "%.0f",
					 m[i][a].pt_bytes_per_proc);
				snprintf(ms[a], sizeof(ms[a]), "%.1f [%.1f-%.1f]",
					 m[i][a].migrate_us.median,
					 m[i][a].migrate_us.min,
					 m[i][a].migrate_us.max);
			} else {
				snprintf(mp[a], sizeof(mp[a]), "(not built)");
				snprintf(ms[a], sizeof(ms[a]), "-");
			}
		}
		fprintf(stderr, "  %5d %14s %14s %14s %14s %22s %22s\n",
			all_n[i], mp[0], mp[1], hs[0], hs[1], ms[0], ms[1]);
	}

	printf("\"pmd_share\": {\"mode\": \"%s\", \"runs\": %d, "
	       "\"model_max_n\": %d, \"host_skipped\": \"%s\"",
	       quick ? "quick" : "full", nruns, MODEL_MAX_N,
	       host_ok ? "" : why);
	for (int i = 0; i < nn; i++) {
		printf(",\n \"n%d\": {", all_n[i]);
		for (int a = 0; a < 2; a++) {
			const char *k = a ? "unshareable" : "shared";

			if (all_n[i] <= MODEL_MAX_N) {
				printf("\"model_pt_bytes_per_proc_%s\": %.0f, ",
				       k, m[i][a].pt_bytes_per_proc);
				printf("\"model_migrate_us_%s\": ", k);
				printf("{\"median\": %.2f, \"min\": %.2f, "
				       "\"max\": %.2f}, ",
				       m[i][a].migrate_us.median,
				       m[i][a].migrate_us.min,
				       m[i][a].migrate_us.max);
			}
			if (host_pt[i][a] >= 0)
				printf("\"host_pt_bytes_per_proc_%s\": %.0f, ",
				       k, host_pt[i][a]);
		}
		printf("\"n\": %d}", all_n[i]);
	}
	printf("}");
	return 0;
}
