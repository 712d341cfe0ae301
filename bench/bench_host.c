// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host kernel against the model, the same work on both sides.
 *
 * For each operation class a real process performs it with real system
 * calls, then the model performs the same sequence on one simulated CPU
 * (oracles on, one simulated thread: no exploration).  Both sides run
 * in this one invocation, alternating run by run so that a slow moment
 * of the machine hurts both.
 *
 * Faults are measured twice on the host.  "trap": a store to each page
 * (the #PF trap and its return are included; in a VM the trap can cost
 * far more than the kernel's own work).  "in-kernel": MAP_POPULATE or
 * MADV_POPULATE_WRITE, where the kernel faults the range in a loop
 * without a trap per page.  The model's trap analogue is cpu_access (a
 * simulated load/store: TLB miss, walk, #PF, handle_mm_fault, refill);
 * its in-kernel analogue is handle_mm_fault alone, which is what the
 * kernel's populate loop calls per page.
 *
 * The ratio is host/model: above 1 the model is faster.  The model does
 * not zero or copy 4 KiB of data (a frame holds one content word), which
 * is most of the host's fault and COW cost; it does keep every rmap,
 * refcount, mapcount, table and TLB in step, and the oracles check each
 * access.
 *
 * Usage: bench_host [quick|full].  Table on stderr, JSON fragment
 * ("host_vs_model": {...}) on stdout.
 */
#include "bench/host.h"

#include <sys/syscall.h>

#include "arch/x86/cpu.h"
#include "bench/bench.h"
#include "mm/pgtable.h"
#include "mm/thp.h"

#define VA 0x100000000ull	/* PUD-aligned: THP and hugetlb fit */
#define NR_PROCS 16		/* hugetlb map+fault+unmap: processes */

enum op_class {
	C_FAULT_TRAP,
	C_FAULT_POP,
	C_MUNMAP,
	C_MPROTECT,
	C_DONTNEED,
	C_FORK,
	C_COW_TRAP,
	C_COW_POP,
	C_THP_TRAP,
	C_THP_POP,
	C_HTLB_TRAP,
	C_HTLB_POP,
	C_HTLB_NPROC,
	NR_CLASSES
};

struct op_desc {
	const char *name;	/* JSON key */
	const char *label;
	bool huge;		/* the unit is 2 MiB, not 4 KiB */
	bool hugetlb;		/* needs reserved host huge pages */
};

static const struct op_desc ops[NR_CLASSES] = {
	[C_FAULT_TRAP] = { "anon_fault_trap", "anon write fault (trap)" },
	[C_FAULT_POP] = { "anon_fault_populate", "anon fault (in-kernel)" },
	[C_MUNMAP] = { "munmap", "munmap populated anon" },
	[C_MPROTECT] = { "mprotect", "mprotect RO/RW toggle" },
	[C_DONTNEED] = { "madv_dontneed", "MADV_DONTNEED" },
	[C_FORK] = { "fork_per_pte", "fork, per PTE" },
	[C_COW_TRAP] = { "cow_fault_trap", "COW fault (trap)" },
	[C_COW_POP] = { "cow_fault_populate", "COW fault (in-kernel)" },
	[C_THP_TRAP] = { "thp_fault_trap", "THP fault (trap)", true },
	[C_THP_POP] = { "thp_fault_populate", "THP fault (in-kernel)", true },
	[C_HTLB_TRAP] = { "hugetlb_fault_trap", "hugetlb fault (trap)", true,
			  true },
	[C_HTLB_POP] = { "hugetlb_fault_populate", "hugetlb fault (in-kernel)",
			 true, true },
	[C_HTLB_NPROC] = { "hugetlb_map_unmap_nproc",
			   "hugetlb map+fault+unmap x16", true, true },
};

static size_t region;		/* bytes, both sides */
static int nruns;
static bool host_hugetlb;
static char hugetlb_why[160] = "";

/* ---- host side: the real kernel, real system calls ---- */

/* A hugetlbfs file of @len bytes (no pages yet); -1 on failure. */
static int host_hugetlb_memfd(size_t len)
{
	int fd = (int)syscall(SYS_memfd_create, "bench", MFD_HUGETLB);

	if (fd >= 0 && ftruncate(fd, (off_t)len)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static char *host_map(size_t len, int prot, int flags, int fd)
{
	char *p = mmap(NULL, len, prot, flags, fd, 0);

	if (p == MAP_FAILED) {
		perror("bench_host: mmap");
		exit(3);
	}
	return p;
}

static void touch(char *p, size_t len, size_t step)
{
	for (size_t o = 0; o < len; o += step)
		((volatile char *)p)[o] = 1;
}

static void host_madvise(char *p, size_t len, int advice)
{
	if (madvise(p, len, advice)) {
		perror("bench_host: madvise");
		exit(3);
	}
}

/* A 2 MiB-aligned anonymous range of @len bytes (THP needs the alignment). */
static char *host_map_aligned(size_t len, char **raw)
{
	*raw = host_map(len + HOST_HPAGE, H_PROT_RW, H_MAP_PRIVATE_ANON, -1);
	return (char *)(((uintptr_t)*raw + HOST_HPAGE - 1) &
			~(uintptr_t)(HOST_HPAGE - 1));
}

/*
 * Fork, run @fn on [p, p + len) in the child, and return the child's own
 * timing of it (sent back through a pipe): the child's exit is not timed.
 */
static double host_in_child(void (*fn)(char *, size_t), char *p, size_t len)
{
	double t = 0;
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		exit(3);
	pid = fork();
	if (pid < 0)
		exit(3);
	if (!pid) {
		double c = now_ns();

		fn(p, len);
		c = now_ns() - c;
		if (write(fd[1], &c, sizeof(c)) != sizeof(c))
			_exit(1);
		_exit(0);
	}
	if (read(fd[0], &t, sizeof(t)) != sizeof(t)) {
		fprintf(stderr, "bench_host: the child did not report\n");
		exit(3);
	}
	waitpid(pid, NULL, 0);
	close(fd[0]);
	close(fd[1]);
	return t;
}

static void child_touch(char *p, size_t len)
{
	touch(p, len, 4096);
}

static void child_populate(char *p, size_t len)
{
	host_madvise(p, len, H_MADV_POPULATE_WRITE);
}

static int hugetlb_fd = -1;

static void child_map_hugetlb(char *unused, size_t len)
{
	char *p = host_map(len, H_PROT_RW, H_MAP_SHARED | H_MAP_POPULATE,
			   hugetlb_fd);

	munmap(p, len);
}

/* One host run of @c; returns ns per unit (4 KiB or 2 MiB). */
static double host_run(int c)
{
	size_t len = region, unit = ops[c].huge ? HOST_HPAGE : 4096;
	char *p, *raw;
	double t = 0;
	pid_t pid;
	int fd;

	switch (c) {
	case C_FAULT_TRAP:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON, -1);
		t = now_ns();
		touch(p, len, 4096);
		t = now_ns() - t;
		munmap(p, len);
		break;
	case C_FAULT_POP:
		t = now_ns();
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = now_ns() - t;
		munmap(p, len);
		break;
	case C_MUNMAP:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = now_ns();
		munmap(p, len);
		t = now_ns() - t;
		break;
	case C_MPROTECT:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = now_ns();
		mprotect(p, len, H_PROT_R);
		mprotect(p, len, H_PROT_RW);
		t = (now_ns() - t) / 2;
		munmap(p, len);
		break;
	case C_DONTNEED:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = now_ns();
		host_madvise(p, len, H_MADV_DONTNEED);
		t = now_ns() - t;
		munmap(p, len);
		break;
	case C_FORK:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = now_ns();
		pid = fork();
		if (!pid)
			_exit(0);
		t = now_ns() - t;
		waitpid(pid, NULL, 0);
		munmap(p, len);
		break;
	case C_COW_TRAP:
	case C_COW_POP:
		p = host_map(len, H_PROT_RW, H_MAP_PRIVATE_ANON | H_MAP_POPULATE,
			     -1);
		t = host_in_child(c == C_COW_TRAP ? child_touch :
						    child_populate, p, len);
		munmap(p, len);
		break;
	case C_THP_TRAP:
	case C_THP_POP:
		p = host_map_aligned(len, &raw);
		host_madvise(p, len, H_MADV_HUGEPAGE);
		t = now_ns();
		if (c == C_THP_TRAP)
			touch(p, len, HOST_HPAGE);
		else
			host_madvise(p, len, H_MADV_POPULATE_WRITE);
		t = now_ns() - t;
		munmap(raw, len + HOST_HPAGE);
		break;
	case C_HTLB_TRAP:
	case C_HTLB_POP:
		/* a fresh hugetlbfs file, as the model's: allocation + map */
		fd = host_hugetlb_memfd(len);
		if (fd < 0)
			exit(3);
		t = now_ns();
		p = host_map(len, H_PROT_RW,
			     H_MAP_SHARED | (c == C_HTLB_POP ? H_MAP_POPULATE : 0),
			     fd);
		if (c == C_HTLB_TRAP)
			touch(p, len, HOST_HPAGE);
		t = now_ns() - t;
		munmap(p, len);
		close(fd);
		break;
	case C_HTLB_NPROC:
		/* the file's pages exist (see main): these are cache hits */
		for (int i = 0; i < NR_PROCS; i++)
			t += host_in_child(child_map_hugetlb, NULL, len);
		t /= NR_PROCS;
		break;
	}
	return t / (double)(len / unit);
}

/* ---- model side: the same sequence on one simulated CPU ---- */

static int model_class;
static double model_ns;
static struct address_space *model_file;

static void model_must(int ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "bench_host: model %s: %d\n", what, ret);
		exit(1);
	}
}

static void model_touch(struct mm_struct *mm, uint64_t step)
{
	uint64_t word;

	for (uint64_t a = VA; a < VA + region; a += step)
		if (cpu_access(0, mm, a, true, &word) != ACCESS_OK)
			model_must(-1, "cpu_access");
}

static void model_populate(struct mm_struct *mm, uint64_t step)
{
	for (uint64_t a = VA; a < VA + region; a += step)
		model_must(handle_mm_fault(mm, a, true), "fault");
}

static struct mm_struct *model_anon(int extra, bool populate)
{
	struct mm_struct *mm = mm_alloc("bench");

	if (!mm)
		model_must(-1, "mm_alloc");
	model_must(do_mmap(mm, VA, region, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | extra, NULL, 0),
		   "mmap");
	if (populate)
		model_populate(mm, PAGE_SIZE);
	return mm;
}

static void model_body(void *arg)
{
	int c = model_class;
	struct mm_struct *mm = NULL, *child;
	double t = 0;

	switch (c) {
	case C_FAULT_TRAP:
	case C_FAULT_POP:
		mm = model_anon(0, false);
		t = now_ns();
		if (c == C_FAULT_TRAP)
			model_touch(mm, PAGE_SIZE);
		else
			model_populate(mm, PAGE_SIZE);
		t = now_ns() - t;
		break;
	case C_MUNMAP:
		mm = model_anon(0, true);
		t = now_ns();
		model_must(do_munmap(mm, VA, region), "munmap");
		t = now_ns() - t;
		break;
	case C_MPROTECT:
		mm = model_anon(0, true);
		t = now_ns();
		model_must(do_mprotect(mm, VA, region, PROT_READ), "mprotect");
		model_must(do_mprotect(mm, VA, region, PROT_READ | PROT_WRITE),
			   "mprotect");
		t = (now_ns() - t) / 2;
		break;
	case C_DONTNEED:
		mm = model_anon(0, true);
		t = now_ns();
		model_must(do_madvise(mm, VA, region, MADV_DONTNEED),
			   "madvise");
		t = now_ns() - t;
		break;
	case C_FORK:
	case C_COW_TRAP:
	case C_COW_POP:
		mm = model_anon(0, true);
		t = now_ns();
		child = dup_mm(mm, "child");
		if (!child)
			model_must(-1, "dup_mm");
		t = now_ns() - t;
		if (c != C_FORK) {
			t = now_ns();
			if (c == C_COW_TRAP)
				model_touch(child, PAGE_SIZE);
			else
				model_populate(child, PAGE_SIZE);
			t = now_ns() - t;
		}
		exit_mmap(child);
		break;
	case C_THP_TRAP:
	case C_THP_POP:
		mm = model_anon(MAP_HUGEPAGE, false);
		t = now_ns();
		if (c == C_THP_TRAP)
			model_touch(mm, PMD_SIZE);
		else
			model_populate(mm, PMD_SIZE);
		t = now_ns() - t;
		if (!pte_huge(*mm_find_pmd(mm, VA)))
			model_must(-1, "no THP");
		break;
	case C_HTLB_TRAP:
	case C_HTLB_POP:
		mm = mm_alloc("bench");
		model_must(do_mmap(mm, VA, region, PROT_READ | PROT_WRITE,
				   MAP_SHARED, model_file, 0), "mmap");
		t = now_ns();
		if (c == C_HTLB_TRAP)
			model_touch(mm, PMD_SIZE);
		else
			model_populate(mm, PMD_SIZE);
		t = now_ns() - t;
		break;
	case C_HTLB_NPROC:
		/* fill the page cache first, as the host's fallocate does */
		mm = mm_alloc("owner");
		model_must(do_mmap(mm, VA, region, PROT_READ | PROT_WRITE,
				   MAP_SHARED, model_file, 0), "mmap");
		model_populate(mm, PMD_SIZE);
		for (int i = 0; i < NR_PROCS; i++) {
			struct mm_struct *p = mm_alloc("p");
			double t0 = now_ns();

			model_must(do_mmap(p, VA, region,
					   PROT_READ | PROT_WRITE, MAP_SHARED,
					   model_file, 0), "mmap");
			model_populate(p, PMD_SIZE);
			model_must(do_munmap(p, VA, region), "munmap");
			t += now_ns() - t0;
			exit_mmap(p);
		}
		t /= NR_PROCS;
		break;
	}
	model_ns = t;
	exit_mmap(mm);
}

static double model_run(int c)
{
	struct machine_config mc = {
		.nr_cpus = 1,
		/* parent + COW child + the hugetlb pool + tables */
		.mem_bytes = 3 * region + (64ull << 20),
		.hugetlb_2m = (int)(region / PMD_SIZE),
	};
	uint64_t unit = ops[c].huge ? PMD_SIZE : PAGE_SIZE;

	bench_machine(&mc);
	model_file = NULL;
	if (ops[c].hugetlb)
		model_file = file_create("db", FILE_HUGETLBFS, region,
					 HPAGE_PMD_ORDER);
	model_class = c;
	bench_run_thread(model_body, NULL);
	swap_destroy();
	return model_ns / (double)(region / unit);
}

/* ---- both ---- */

static int host_hugetlb_file(void)
{
	char *p;

	hugetlb_fd = host_hugetlb_memfd(region);
	if (hugetlb_fd < 0) {
		snprintf(hugetlb_why, sizeof(hugetlb_why),
			 "memfd_create(MFD_HUGETLB): %s", strerror(errno));
		return -1;
	}
	/* fault every page into the file once; it keeps them */
	p = host_map(region, H_PROT_RW, H_MAP_SHARED | H_MAP_POPULATE,
		     hugetlb_fd);
	munmap(p, region);
	return 0;
}

int main(int argc, char **argv)
{
	bool quick = bench_is_quick(argc, argv, "bench_host");
	struct figure host[NR_CLASSES], model[NR_CLASSES];
	bool ran[NR_CLASSES] = { false };
	struct host_machine hm;

	region = quick ? 32ul << 20 : 256ul << 20;
	nruns = quick ? BENCH_MIN_RUNS : 7;
	host_machine_get(&hm);
	/* the trap and populate runs each need one region's worth */
	host_hugetlb = !host_hugepages_reserve((long)(2 * region / HOST_HPAGE),
					       hugetlb_why,
					       sizeof(hugetlb_why)) &&
		       !host_hugetlb_file();

	for (int c = 0; c < NR_CLASSES; c++) {
		double h[16], m[16];

		if (ops[c].hugetlb && !host_hugetlb)
			continue;
		host_run(c);	/* warm up: page allocator, libc, caches */
		model_run(c);
		for (int r = 0; r < nruns; r++) {
			h[r] = host_run(c);
			m[r] = model_run(c);
		}
		host[c] = figure_of(h, nruns);
		model[c] = figure_of(m, nruns);
		ran[c] = true;
	}
	if (hugetlb_fd >= 0)
		close(hugetlb_fd);
	host_hugepages_restore();
	machine_destroy();
	sim_shutdown();

	fprintf(stderr, "host kernel vs model (%s, %zu MiB per operation, "
		"median [min-max] of %d)\n", quick ? "quick" : "full",
		region >> 20, nruns);
	fprintf(stderr, "  machine: %s, %s, %ld cores\n", hm.cpu, hm.kernel,
		hm.cores);
	fprintf(stderr, "  %-29s %4s %24s %24s %7s\n", "ns per unit", "unit",
		"host", "model", "h/m");
	for (int c = 0; c < NR_CLASSES; c++) {
		char hs[40], ms[40];

		if (!ran[c]) {
			fprintf(stderr, "  %-29s skipped: %s\n", ops[c].label,
				hugetlb_why);
			continue;
		}
		snprintf(hs, sizeof(hs), "%.0f [%.0f-%.0f]", host[c].median,
			 host[c].min, host[c].max);
		snprintf(ms, sizeof(ms), "%.0f [%.0f-%.0f]", model[c].median,
			 model[c].min, model[c].max);
		fprintf(stderr, "  %-29s %4s %24s %24s %7.2f\n", ops[c].label,
			ops[c].huge ? "2M" : "4K", hs, ms,
			host[c].median / model[c].median);
	}

	printf("\"host_vs_model\": {\"mode\": \"%s\", \"runs\": %d, "
	       "\"region_mib\": %zu,\n \"machine\": {\"cpu\": \"%s\", "
	       "\"kernel\": \"%s\", \"cores\": %ld},\n"
	       " \"hugetlb_skipped\": \"%s\"", quick ? "quick" : "full", nruns,
	       region >> 20, hm.cpu, hm.kernel, hm.cores,
	       host_hugetlb ? "" : hugetlb_why);
	for (int c = 0; c < NR_CLASSES; c++) {
		if (!ran[c])
			continue;
		printf(",\n \"%s\": {\"unit\": \"%s\", ", ops[c].name,
		       ops[c].huge ? "2M" : "4K");
		bench_json_figure("host_ns", host[c], ", ");
		bench_json_figure("model_ns", model[c], ", ");
		printf("\"ratio\": %.3f}", host[c].median / model[c].median);
	}
	printf("}");
	return 0;
}
