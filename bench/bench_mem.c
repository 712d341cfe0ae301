// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host memory per simulated 4 KiB page, measured.
 *
 * A 16 GiB simulated machine (4M frames) is built and all of it but the
 * room its page tables need is populated with anonymous memory in one
 * simulated process.  The figure is the growth of this host process's
 * resident set (/proc/self/statm) from before machine_init to after the
 * populate, divided by the machine's frames: everything is in it (struct
 * page, the content word, ghost frame state, logical pages, page-table
 * slots and their metadata, TLBs, allocator slack).  A breakdown by
 * structure, from the structures' real sizes and counts, follows.
 *
 * Two ways to populate:
 *   fault:  handle_mm_fault per page (MAP_POPULATE-like, no CPU).
 *   cpu:    a store per page through cpu_access on one CPU.  The model's
 *           TLB never evicts (tlb.h), so it then holds one entry per
 *           page: that is the price of the never-evict rule at scale.
 *
 * Usage: bench_mem [quick|full] (quick: a 1 GiB machine).  Table on
 * stderr, JSON fragment ("memory": {...}) on stdout.
 */
#include "bench/host.h"

#include "arch/x86/cpu.h"
#include "bench/bench.h"
#include "check/check.h"

#define VA 0x100000000ull
/* 4M PTEs need 8K PTE tables (32 MiB); keep that much unpopulated */
#define TABLE_ROOM (64ull << 20)

enum { S_PAGE, S_WORD, S_GHOST, S_LPAGE, S_PT, S_PTMETA, S_TLB, NR_S };

static const char *const s_name[NR_S] = {
	"struct page", "content word", "ghost frame", "logical pages",
	"page-table slots", "page-table meta", "TLB entries",
};

struct mem_result {
	double rss_per_frame;
	double part[NR_S];	/* bytes per frame */
	double seconds;		/* of the populate */
};

static uint64_t mem_bytes;
static bool via_cpu;
static double populate_ns;

static void populate_body(void *arg)
{
	struct mm_struct *mm = mm_alloc("big");
	uint64_t len = mem_bytes - TABLE_ROOM, word;
	double t0;

	if (!mm || do_mmap(mm, VA, len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0))
		abort();
	t0 = now_ns();
	for (uint64_t a = VA; a < VA + len; a += PAGE_SIZE) {
		int ret = via_cpu ? cpu_access(0, mm, a, true, &word) :
				    handle_mm_fault(mm, a, true);

		if (ret) {
			fprintf(stderr, "bench_mem: populate at %#llx: %d\n",
				(unsigned long long)a, ret);
			exit(1);
		}
	}
	populate_ns = now_ns() - t0;
}

static struct mem_result measure(void)
{
	struct machine_config mc = { .nr_cpus = 1, .mem_bytes = mem_bytes };
	struct mem_result r;
	double frames, tlb = 0;
	long before, after;

	before = host_rss_bytes();
	bench_machine(&mc);
	bench_run_thread(populate_body, NULL);
	after = host_rss_bytes();
	frames = (double)mach.nr_frames;
	r.rss_per_frame = (double)(after - before) / frames;
	r.seconds = populate_ns / 1e9;
	r.part[S_PAGE] = sizeof(struct page);
	r.part[S_WORD] = sizeof(mach.mem[0]);
	r.part[S_GHOST] = sizeof(struct ghost_frame);
	r.part[S_LPAGE] = (double)ghost.cap_lp * sizeof(struct ghost_lpage) /
			  frames;
	r.part[S_PT] = (double)mach.nr_pt * PAGE_SIZE / frames;
	r.part[S_PTMETA] = (double)mach.nr_pt * sizeof(struct pt_meta) /
			   frames;
	for (int c = 0; c < mach.cfg.nr_cpus; c++)
		tlb += (double)mach.cpus[c].tlb.cap * sizeof(struct tlb_entry);
	r.part[S_TLB] = tlb / frames;
	/* give it all back, so that the next run starts from the same RSS */
	swap_destroy();
	machine_destroy();
	return r;
}

int main(int argc, char **argv)
{
	bool quick = bench_is_quick(argc, argv, "bench_mem");
	int nruns = BENCH_MIN_RUNS;
	struct mem_result res[2][BENCH_MIN_RUNS];
	struct figure rss[2], secs[2];

	mem_bytes = quick ? 1ull << 30 : 16ull << 30;
	for (int v = 0; v < 2; v++) {
		double a[BENCH_MIN_RUNS], b[BENCH_MIN_RUNS];

		via_cpu = v;
		for (int r = 0; r < nruns; r++) {
			res[v][r] = measure();
			a[r] = res[v][r].rss_per_frame;
			b[r] = res[v][r].seconds;
		}
		rss[v] = figure_of(a, nruns);
		secs[v] = figure_of(b, nruns);
	}
	sim_shutdown();

	fprintf(stderr, "memory (%s, a %llu GiB machine = %llu frames, "
		"%llu MiB populated, median [min-max] of %d)\n",
		quick ? "quick" : "full",
		(unsigned long long)(mem_bytes >> 30),
		(unsigned long long)(mem_bytes >> PAGE_SHIFT),
		(unsigned long long)((mem_bytes - TABLE_ROOM) >> 20), nruns);
	for (int v = 0; v < 2; v++)
		fprintf(stderr, "  %-34s %6.1f [%.1f-%.1f] B/frame, populate "
			"%.2f s\n",
			v ? "RSS growth, populated by cpu_access" :
			    "RSS growth, populated by handle_mm_fault",
			rss[v].median, rss[v].min, rss[v].max,
			secs[v].median);
	fprintf(stderr, "  %-34s %8s %8s\n", "breakdown (B/frame)", "fault",
		"cpu");
	for (int s = 0; s < NR_S; s++)
		fprintf(stderr, "  %-34s %8.2f %8.2f\n", s_name[s],
			res[0][0].part[s], res[1][0].part[s]);

	printf("\"memory\": {\"mode\": \"%s\", \"runs\": %d, "
	       "\"frames\": %llu, \"populated_mib\": %llu",
	       quick ? "quick" : "full", nruns,
	       (unsigned long long)(mem_bytes >> PAGE_SHIFT),
	       (unsigned long long)((mem_bytes - TABLE_ROOM) >> 20));
	for (int v = 0; v < 2; v++) {
		printf(",\n \"%s\": {", v ? "cpu_access" : "handle_mm_fault");
		bench_json_figure("rss_bytes_per_frame", rss[v], ", ");
		bench_json_figure("populate_s", secs[v], ", ");
		printf("\"breakdown\": {");
		for (int s = 0; s < NR_S; s++)
			printf("\"%s\": %.2f%s", s_name[s], res[v][0].part[s],
			       s + 1 < NR_S ? ", " : "");
		printf("}}");
	}
	printf("}");
	return 0;
}
