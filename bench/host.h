/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host side of the comparisons: the real kernel's constants, the
 * machine line, and the reservation of real huge pages.
 *
 * Include this before any model header.  The model spells the mmap ABI
 * with the kernel's own names (PROT_READ, MAP_SHARED, MADV_DONTNEED in
 * mm/mm.h); to use both in one file, the host values are captured here
 * as H_* and the libc macros are dropped, so the model's definitions
 * that follow do not collide with them.
 */
#ifndef MMSIM_BENCH_HOST_H
#define MMSIM_BENCH_HOST_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23	/* 5.14; older libcs lack the name */
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif

enum {
	H_PROT_R = PROT_READ,
	H_PROT_RW = PROT_READ | PROT_WRITE,
	H_MAP_PRIVATE_ANON = MAP_PRIVATE | MAP_ANONYMOUS,
	H_MAP_SHARED = MAP_SHARED,
	H_MAP_POPULATE = MAP_POPULATE,
	H_MAP_HUGETLB = MAP_HUGETLB,
	H_MAP_FIXED_NOREPLACE = MAP_FIXED_NOREPLACE,
	H_MADV_DONTNEED = MADV_DONTNEED,
	H_MADV_HUGEPAGE = MADV_HUGEPAGE,
	H_MADV_POPULATE_WRITE = MADV_POPULATE_WRITE,
};

#undef PROT_NONE
#undef PROT_READ
#undef PROT_WRITE
#undef MAP_SHARED
#undef MAP_PRIVATE
#undef MAP_ANONYMOUS
#undef MAP_HUGETLB
#undef MAP_LOCKED
#undef MADV_DONTNEED
#undef MADV_FREE
#undef MADV_HUGEPAGE
#undef MADV_NOHUGEPAGE

#define HOST_HPAGE (2ul << 20)

/* CPU model, kernel and cores, for the table and the JSON. */
struct host_machine {
	char cpu[96];
	char kernel[160];
	long cores;
};

static inline void host_machine_get(struct host_machine *m)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	struct utsname u;
	char line[256];

	snprintf(m->cpu, sizeof(m->cpu), "unknown");
	while (f && fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !c)
			continue;
		c += 2;
		c[strcspn(c, "\n")] = 0;
		snprintf(m->cpu, sizeof(m->cpu), "%s", c);
		break;
	}
	if (f)
		fclose(f);
	if (uname(&u) == 0)
		snprintf(m->kernel, sizeof(m->kernel), "%s %s", u.sysname,
			 u.release);
	else
		snprintf(m->kernel, sizeof(m->kernel), "unknown");
	m->cores = sysconf(_SC_NPROCESSORS_ONLN);
}

static inline long host_read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static inline int host_write_long(const char *path, long v)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fprintf(f, "%ld\n", v) < 0 ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* A /proc/meminfo field, in kB; -1 if absent. */
static inline long host_meminfo_kb(const char *field)
{
	FILE *f = fopen("/proc/meminfo", "r");
	size_t n = strlen(field);
	char line[256];
	long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return v;
}

#define NR_HUGEPAGES "/proc/sys/vm/nr_hugepages"

static long host_hugepages_saved = -1;

static inline void host_hugepages_restore(void)
{
	if (host_hugepages_saved >= 0)
		host_write_long(NR_HUGEPAGES, host_hugepages_saved);
	host_hugepages_saved = -1;
}

/*
 * Make at least @n free 2 MiB huge pages exist, remembering the old pool
 * size so that host_hugepages_restore (also run at exit) gives the pages
 * back.  Returns 0, or -1 with the reason in @why.
 */
static inline int host_hugepages_reserve(long n, char *why, size_t len)
{
	long total = host_read_long(NR_HUGEPAGES), free_now;

	if (total < 0) {
		snprintf(why, len, "cannot read %s", NR_HUGEPAGES);
		return -1;
	}
	if (host_hugepages_saved < 0) {
		host_hugepages_saved = total;
		atexit(host_hugepages_restore);
	}
	free_now = host_meminfo_kb("HugePages_Free");
	if (free_now >= n)
		return 0;
	if (host_write_long(NR_HUGEPAGES, total + n - free_now)) {
		snprintf(why, len, "cannot write %s (%s)", NR_HUGEPAGES,
			 strerror(errno));
		return -1;
	}
	free_now = host_meminfo_kb("HugePages_Free");
	if (free_now < n) {
		snprintf(why, len,
			 "the host gave %ld of %ld huge pages (fragmented "
			 "memory?)", free_now, n);
		return -1;
	}
	return 0;
}

/* Resident set of this process, in bytes (from /proc/self/statm). */
static inline long host_rss_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size, rss = -1;

	if (f) {
		if (fscanf(f, "%ld %ld", &size, &rss) != 2)
			rss = -1;
		fclose(f);
	}
	return rss < 0 ? -1 : rss * sysconf(_SC_PAGESIZE);
}

#endif /* MMSIM_BENCH_HOST_H */
