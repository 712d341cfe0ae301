// SPDX-License-Identifier: GPL-2.0-only
/*
 * Secondary MMUs: device accesses per second through each client with no
 * invalidation (after one fault per page), and invalidations per second
 * (a start/end bracket over a 2M huge page that the device maps, then one
 * access that refaults).  One thread, no scheduling choices: this is the
 * cost of the model's code paths, not of the explorer.
 *
 * iommu-sva, odp and kvm run as v4.19; hmm-mirror as v4.19 with the
 * interval-notifier flag (the v6.18 era is not on this branch).
 *
 * Usage: bench_drivers [quick|full].  Prints a table on stderr and a JSON
 * fragment ("drivers": {...}) on stdout for bench/run.sh to merge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch/x86/cpu.h"
#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mmu_notifier.h"
#include "mm/tlb_batch.h"

#define VA 0x40000000ull
#define NPAGES 512

static long rounds;
static struct era interval_era;
static struct mm_struct *mm;
static struct dev_mmu *dev;
static double t_access, t_inval;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void bench_fn(void *arg)
{
	char err[160];
	uint64_t w;
	double t0;

	if (do_mmap(mm, VA, 1ull << 30, PROT_READ | PROT_WRITE, MAP_SHARED,
		    mach.files[0], 0) ||
	    dev_mmu_attach(dev, mm, err, sizeof(err)))
		sim_violation("bench", 0, "setup failed");
	cpu_access(0, mm, VA, true, &w);
	dev_dma(dev, VA, NPAGES * PAGE_SIZE, true);	/* fault in */
	t0 = now_ns();
	for (long i = 0; i < rounds; i++)
		dev_dma(dev, VA, NPAGES * PAGE_SIZE, i & 1);
	t_access = now_ns() - t0;
	t0 = now_ns();
	for (long i = 0; i < rounds; i++) {
		mmu_notifier_invalidate_range_start(mm, VA, VA + PMD_SIZE);
		mmu_notifier_invalidate_range_end(mm, VA, VA + PMD_SIZE);
		dev_dma(dev, VA, PAGE_SIZE, false);
	}
	t_inval = now_ns() - t0;
}

struct result {
	const char *kind;
	double access_per_s, inval_per_s;
};

static struct result run(int kind)
{
	struct machine_config mc = {
		.nr_cpus = 2, .mem_bytes = 32ull << 20, .hugetlb_2m = 2,
		.era = kind == DEV_MMU_HMM_MIRROR ? &interval_era :
						    era_find("v4.19"),
	};
	struct sim_config cfg = { 0 };
	struct result r = { dev_mmu_kind_name(kind), 0, 0 };

	sim_reset(&cfg);
	if (machine_init(&mc) ||
	    !file_create("db", FILE_HUGETLBFS, 1ull << 30, HPAGE_PMD_ORDER)) {
		fprintf(stderr, "bench_drivers: machine\n");
		exit(1);
	}
	swap_init(0);
	tlb_batch_reset();
	mm = mm_alloc("bench");
	dev_mmu_reset_all();
	dev = dev_mmu_create(kind, "dev");
	sim_reset(&cfg);
	sim_thread_create("bench", bench_fn, NULL, 0);
	if (sim_run() != SIM_OK) {
		fprintf(stderr, "bench_drivers: %s: %s\n", sim.violation.kind,
			sim.violation.msg);
		exit(1);
	}
	r.access_per_s = (double)rounds * NPAGES / (t_access * 1e-9);
	r.inval_per_s = (double)rounds / (t_inval * 1e-9);
	dev_mmu_reset_all();
	return r;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "full";
	struct result res[NR_DEV_MMU_KINDS];

	if (strcmp(mode, "quick") && strcmp(mode, "full")) {
		fprintf(stderr, "usage: bench_drivers [quick|full]\n");
		return 2;
	}
	rounds = strcmp(mode, "quick") ? 2000 : 200;
	interval_era = *era_find("v4.19");
	interval_era.name = "v4.19+interval";
	interval_era.has_interval_notifiers = true;
	for (int k = 0; k < NR_DEV_MMU_KINDS; k++)
		res[k] = run(k);
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "drivers (%s, %ld rounds of %d pages)\n", mode, rounds,
		NPAGES);
	fprintf(stderr, "  %-12s %16s %16s\n", "client", "accesses/s",
		"invalidations/s");
	for (int k = 0; k < NR_DEV_MMU_KINDS; k++)
		fprintf(stderr, "  %-12s %16.0f %16.0f\n", res[k].kind,
			res[k].access_per_s, res[k].inval_per_s);

	printf("\"drivers\": {\"mode\": \"%s\", \"rounds\": %ld, "
	       "\"pages\": %d", mode, rounds, NPAGES);
	for (int k = 0; k < NR_DEV_MMU_KINDS; k++)
		printf(",\n \"%s\": {\"accesses_per_s\": %.0f, "
		       "\"invalidations_per_s\": %.0f}",
		       res[k].kind, res[k].access_per_s, res[k].inval_per_s);
	printf("}");
	return 0;
}
