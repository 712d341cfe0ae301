// SPDX-License-Identifier: GPL-2.0-only
/*
 * The four secondary MMUs against the real unmap path (migration of a
 * hugetlb page with migrate_page_at, in v4.19 and in the test interval
 * era): a translation the device made is gone before the old page is
 * freed, and the device then reads what the CPU wrote; the fault path
 * retries when an invalidation overlaps it, over many seeds, and the
 * schedule that shows it replays; hmm-mirror refuses an era without
 * interval notifiers.
 *
 *   0x40000000                  0x40200000
 *   [ huge page 0 (2M) .......][ ... ]   db, 1 GiB, hugetlbfs, one mm
 */
#include "arch/x86/cpu.h"
#include "drivers/dev_mmu.h"
#include "mm/migrate.h"
#include "mm/mmu_notifier.h"
#include "tests/notifier/mm_test.h"
#include "tests/tap.h"

#define NSEEDS 300
#define VA 0x40000000ull
#define VA2 (VA + 5 * PAGE_SIZE)	/* a subpage: not the head */

static struct mm_struct *mm;
static struct dev_mmu *dev;
static char err[160];
static int attach_ret;

static void setup_fn(void *arg)
{
	uint64_t w;

	if (do_mmap(mm, VA, 1ull << 30, PROT_READ | PROT_WRITE, MAP_SHARED,
		    mach.files[0], 0))
		sim_violation("test", 0, "mmap");
	cpu_access(0, mm, VA2, true, &w);
	attach_ret = dev_mmu_attach(dev, mm, err, sizeof(err));
}

static int build(const struct era *e, int kind)
{
	err[0] = 0;
	if (mm_test_machine(e))
		return -1;
	if (!file_create("db", FILE_HUGETLBFS, 1ull << 30, HPAGE_PMD_ORDER))
		return -1;
	mm = mm_alloc("p");
	dev_mmu_reset_all();
	dev = dev_mmu_create(kind, "dev");
	if (!mm || !dev)
		return -1;
	if (run1(setup_fn, false) != SIM_OK)
		return -1;
	return attach_ret;
}

static void teardown(void)
{
	dev_mmu_reset_all();
	machine_destroy();
	sim_shutdown();
}

/* The frame the CPU page table maps VA2 to now. */
static uint64_t cur_pfn(void)
{
	struct page *p = follow_page(mm, VA2);
	uint64_t pfn = p ? page_to_pfn(p) : 0;

	if (p)
		put_page(p);
	return pfn;
}

/* ---- unmap removes the translation before the page is freed ---- */

static uint64_t old_pfn, new_pfn;
static int dma_ret[3], access_after;
static uint64_t word_after;

static void migrate_fn(void *arg)
{
	dma_ret[0] = dev_dma(dev, VA2, PAGE_SIZE, true);
	old_pfn = cur_pfn();
	migrate_page_at(mm, VA);
	new_pfn = cur_pfn();
	/* straight through the device's table: no fault allowed */
	access_after = dev->ops->access(dev, VA2, false, &word_after);
	dma_ret[1] = dev_dma(dev, VA2, PAGE_SIZE, false);
	dma_ret[2] = dev_dma(dev, VA2, PAGE_SIZE, true);
}

/* Index in the log of the first event of @kind with a == @a (or -1). */
static long first_event(int kind, uint64_t a, bool any_a)
{
	for (uint64_t i = 0; i < sim.evlog.n && i < SIM_EVLOG_CAP; i++) {
		const struct sim_event *e = &sim.evlog.ev[i];

		if (e->kind == mm_ev_id[kind] && (any_a || e->a == a))
			return (long)i;
	}
	return -1;
}

static void unmap_removes(const struct era *e, int kind)
{
	long freed, notified;

	CHECK_INT(build(e, kind), ==, 0);
	if (tap_failed_asserts)
		return;
	if (run1(migrate_fn, true) != SIM_OK)
		TAP_FAIL("%s: %s", sim.violation.kind, sim.violation.msg);
	CHECK_INT(dma_ret[0], ==, 0);
	CHECK_U64(old_pfn, !=, 0);
	CHECK_U64(new_pfn, !=, old_pfn);
	/* the old page went back to the pool */
	CHECK_INT(ghost.frame[old_pfn].use, ==, FRAME_FREE);
	/* and the device had no translation for it any more */
	CHECK_INT(access_after, !=, 0);
	CHECK_U64(dev->nr_invalidate, >, 0);
	/* the notification came before the free */
	freed = first_event(EV_PAGE_FREE, old_pfn - 5, false);
	notified = first_event(EV_NOTIFY, 0, true);
	CHECK(notified >= 0 && freed > notified);
	/* the device refaults and sees the data at its new home */
	CHECK_INT(dma_ret[1], ==, 0);
	CHECK_INT(dma_ret[2], ==, 0);
	teardown();
}

static void iommu_sva_unmap_v419(void)
{
	unmap_removes(era_find("v4.19"), DEV_MMU_IOMMU_SVA);
}

static void iommu_sva_unmap_arch(void)
{
	unmap_removes(era_arch(), DEV_MMU_IOMMU_SVA);
}

static void odp_unmap_v419(void)
{
	unmap_removes(era_find("v4.19"), DEV_MMU_ODP);
}

static void odp_unmap_interval(void)
{
	unmap_removes(era_interval(), DEV_MMU_ODP);
}

static void kvm_unmap_v419(void)
{
	unmap_removes(era_find("v4.19"), DEV_MMU_KVM);
}

static void kvm_unmap_interval(void)
{
	unmap_removes(era_interval(), DEV_MMU_KVM);
}

static void hmm_mirror_unmap_interval(void)
{
	unmap_removes(era_interval(), DEV_MMU_HMM_MIRROR);
}

/* ---- the fault path retries when an invalidation overlaps ---- */

static void dev_thread_fn(void *arg)
{
	for (int i = 0; i < 3; i++) {
		dev_dma(dev, VA2, PAGE_SIZE, true);
		dev_dma(dev, VA2, PAGE_SIZE, false);
	}
}

static void migrator_fn(void *arg)
{
	migrate_page_at(mm, VA);
}

static void spawn_race(struct sim_strategy *s, bool events)
{
	struct sim_config cfg = {
		.max_steps = TEST_MAX_STEPS,
		.strategy = s,
		.keep_events = events,
	};

	sim_reset(&cfg);
	sim_thread_create("device", dev_thread_fn, NULL, -1);
	sim_thread_create("migrate", migrator_fn, NULL, 1);
}

static void fault_retries(const struct era *e, int kind)
{
	int retried = 0;
	uint8_t *log = NULL;
	size_t nlog = 0;
	struct sim_replay rp;

	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;

		CHECK_INT(build(e, kind), ==, 0);
		sim_random_init(&rnd, seed);
		spawn_race(&rnd.s, false);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
		if (dev->nr_retry && !log) {
			nlog = sim.decisions.len;
			log = malloc(nlog ? nlog : 1);
			memcpy(log, sim.decisions.v, nlog);
		}
		retried += dev->nr_retry > 0;
	}
	CHECK_INT(retried, >, 0);
	if (log) {
		/* the schedule that made it retry does so again */
		CHECK_INT(build(e, kind), ==, 0);
		sim_replay_init(&rp, log, nlog);
		spawn_race(&rp.s, false);
		CHECK_INT(sim_run(), ==, SIM_OK);
		CHECK_U64(dev->nr_retry, >, 0);
		CHECK_U64(rp.diverged, ==, 0);
	}
	free(log);
	teardown();
}

static void odp_retry_v419(void)
{
	fault_retries(era_find("v4.19"), DEV_MMU_ODP);
}

static void odp_retry_interval(void)
{
	fault_retries(era_interval(), DEV_MMU_ODP);
}

static void kvm_retry_v419(void)
{
	fault_retries(era_find("v4.19"), DEV_MMU_KVM);
}

static void kvm_retry_interval(void)
{
	fault_retries(era_interval(), DEV_MMU_KVM);
}

static void hmm_mirror_retry_interval(void)
{
	fault_retries(era_interval(), DEV_MMU_HMM_MIRROR);
}

/*
 * The IOTLB has no retry: its walker restarts when a flush reaches it
 * mid-walk.  The same race must stay clean.
 */
static void iommu_sva_race_v419(void)
{
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		struct sim_random rnd;

		CHECK_INT(build(era_find("v4.19"), DEV_MMU_IOMMU_SVA), ==, 0);
		sim_random_init(&rnd, seed);
		spawn_race(&rnd.s, false);
		if (sim_run() != SIM_OK) {
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
			break;
		}
	}
	teardown();
}

/* ---- hmm-mirror needs interval notifiers ---- */

static void hmm_mirror_needs_interval(void)
{
	CHECK_INT(build(era_find("v4.19"), DEV_MMU_HMM_MIRROR), ==, -EINVAL);
	CHECK_CONTAINS(err, "needs interval notifiers");
	CHECK_CONTAINS(err, "v4.19");
	teardown();
}

static void kinds_by_name(void)
{
	CHECK_INT(dev_mmu_kind_find("iommu-sva"), ==, DEV_MMU_IOMMU_SVA);
	CHECK_INT(dev_mmu_kind_find("odp"), ==, DEV_MMU_ODP);
	CHECK_INT(dev_mmu_kind_find("kvm"), ==, DEV_MMU_KVM);
	CHECK_INT(dev_mmu_kind_find("hmm-mirror"), ==, DEV_MMU_HMM_MIRROR);
	CHECK_INT(dev_mmu_kind_find("gpu"), ==, -1);
}

TAP_MAIN(TEST(iommu_sva_unmap_v419), TEST(iommu_sva_unmap_arch),
	 TEST(odp_unmap_v419), TEST(odp_unmap_interval),
	 TEST(kvm_unmap_v419), TEST(kvm_unmap_interval),
	 TEST(hmm_mirror_unmap_interval), TEST(odp_retry_v419),
	 TEST(odp_retry_interval), TEST(kvm_retry_v419),
	 TEST(kvm_retry_interval), TEST(hmm_mirror_retry_interval),
	 TEST(iommu_sva_race_v419), TEST(hmm_mirror_needs_interval),
	 TEST(kinds_by_name))
