// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mm core's speed and footprint.
 *
 *   anon faults/s   first-touch writes through cpu_access (walk, #PF,
 *                   handle_mm_fault, TLB refill) over a 16 MiB range
 *   populate/s      handle_mm_fault alone (MAP_POPULATE-like) over the
 *                   big range: the CPU path's cost grows with the TLB
 *                   (a #PF flush rebuilds the never-evicting table)
 *   munmap pages/s  do_munmap of the big range (zap, gather, tables)
 *   fork            dup_mm of a process with the big range populated
 *   bytes/frame     struct page + content word + ghost frame + the TLBs
 *                   amortised over the frames (from the real structures)
 *
 * Usage: bench_mm [quick|full] (full: a 1 GiB range).  Prints a table on
 * stderr and a JSON fragment ("mm": {...}) on stdout for bench/run.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch/x86/cpu.h"
#include "check/check.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/tlb_batch.h"
#include "mm/vmscan.h"
#include "sim/lock.h"
#include "sim/strategy.h"

#define VA 0x100000000ull

#define CPU_REGION (16ull << 20)

static uint64_t region;		/* bytes */
static double fault_ns, populate_ns, munmap_ns, fork_ns, reclaim_ns;

/* Pages reclaimed to swap (MADV_PAGEOUT-like, 32 a batch). */
#define RECLAIM_PAGES 16384

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void body(void *arg)
{
	struct mm_struct *mm = mm_alloc("bench"), *child;
	uint64_t word;
	double t0;

	if (do_mmap(mm, VA, region, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0))
		abort();
	t0 = now_ns();
	for (uint64_t a = VA; a < VA + CPU_REGION; a += PAGE_SIZE)
		if (cpu_access(0, mm, a, true, &word) != ACCESS_OK)
			abort();
	fault_ns = now_ns() - t0;
	t0 = now_ns();
	for (uint64_t a = VA + CPU_REGION; a < VA + region; a += PAGE_SIZE)
		if (handle_mm_fault(mm, a, true))
			abort();
	populate_ns = now_ns() - t0;
	t0 = now_ns();
	child = dup_mm(mm, "child");
	fork_ns = now_ns() - t0;
	exit_mmap(child);
	t0 = now_ns();
	for (uint64_t a = VA; a < VA + RECLAIM_PAGES * PAGE_SIZE;
	     a += 32 * PAGE_SIZE)
		reclaim_range(mm, a, 32 * PAGE_SIZE);
	reclaim_ns = now_ns() - t0;
	t0 = now_ns();
	if (do_munmap(mm, VA, region))
		abort();
	munmap_ns = now_ns() - t0;
	exit_mmap(mm);
}

static double bytes_per_frame(void)
{
	double tlb = 0;

	for (int c = 0; c < mach.cfg.nr_cpus; c++)
		tlb += (double)mach.cpus[c].tlb.cap * sizeof(struct tlb_entry);
	return (double)sizeof(struct page) + sizeof(uint64_t) +
	       sizeof(struct ghost_frame) + tlb / (double)mach.nr_frames;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "full";
	struct machine_config mc = { .nr_cpus = 4 };
	struct sim_replay rp;
	struct sim_config cfg = { .strategy = &rp.s };
	double pages, cpu_pages, pop_pages, bpf;

	if (strcmp(mode, "quick") && strcmp(mode, "full")) {
		fprintf(stderr, "usage: bench_mm [quick|full]\n");
		return 2;
	}
	region = strcmp(mode, "quick") ? 1ull << 30 : 128ull << 20;
	mc.mem_bytes = region + (region >> 1);
	if (machine_init(&mc))
		return 1;
	swap_init(RECLAIM_PAGES + 1);
	tlb_batch_reset();
	sim_replay_init(&rp, NULL, 0);
	sim_reset(&cfg);
	lock_reset();
	sim_thread_create("bench", body, NULL, 0);
	if (sim_run() != SIM_OK) {
		fprintf(stderr, "bench_mm: %s: %s\n", sim.violation.kind,
			sim.violation.msg);
		return 1;
	}
	bpf = bytes_per_frame();
	pages = (double)(region >> PAGE_SHIFT);
	cpu_pages = (double)(CPU_REGION >> PAGE_SHIFT);
	pop_pages = pages - cpu_pages;
	swap_destroy();
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "mm core (%s, %llu MiB anon range)\n", mode,
		(unsigned long long)(region >> 20));
	fprintf(stderr, "  %-30s %12.0f\n", "anon faults/s (cpu_access)",
		cpu_pages / (fault_ns / 1e9));
	fprintf(stderr, "  %-30s %12.0f\n", "populate faults/s",
		pop_pages / (populate_ns / 1e9));
	fprintf(stderr, "  %-30s %12.0f\n", "munmap pages/s",
		pages / (munmap_ns / 1e9));
	fprintf(stderr, "  %-30s %12.3f\n", "fork of the range (ms)",
		fork_ns / 1e6);
	fprintf(stderr, "  %-30s %12.0f\n", "reclaim pages/s",
		RECLAIM_PAGES / (reclaim_ns / 1e9));
	fprintf(stderr, "  %-30s %12.1f\n", "host bytes per frame", bpf);
	printf("\"mm\": {\"mode\": \"%s\", \"region_mib\": %llu, "
	       "\"anon_faults_per_s\": %.0f, \"populate_faults_per_s\": %.0f, "
	       "\"munmap_pages_per_s\": %.0f, "
	       "\"fork_ms\": %.3f, \"reclaim_pages_per_s\": %.0f, "
	       "\"bytes_per_frame\": %.1f}",
	       mode, (unsigned long long)(region >> 20),
	       cpu_pages / (fault_ns / 1e9), pop_pages / (populate_ns / 1e9),
	       pages / (munmap_ns / 1e9),
	       fork_ns / 1e6, RECLAIM_PAGES / (reclaim_ns / 1e9), bpf);
	return 0;
}
