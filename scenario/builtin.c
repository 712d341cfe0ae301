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

static int pmd_share_migrate(struct world_spec *w)
{
	static const struct world_op cpu_ops[] = {
		{ .kind = OP_REPEAT, .proc = -1, .file = -1, .arg = 3 },
		{ .kind = OP_WRITE, .proc = -1, .addr = VA_DB },
		{ .kind = OP_READ, .proc = -1, .addr = VA_DB },
		{ .kind = OP_END, .proc = -1 },
	};
	static const struct world_op setup[] = {
		{ .kind = OP_WRITE, .proc = 0, .addr = VA_DB },
		{ .kind = OP_WRITE, .proc = 1, .addr = VA_DB },
	};
	static const struct world_op mig_ops[] = {
		{ .kind = OP_MIGRATE, .proc = 0, .addr = VA_DB },
	};

	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "pmd-share-migrate");
	w->mc.nr_cpus = 3;
	w->mc.mem_bytes = 64ull << 20;
	w->mc.hugetlb_2m = 4;
	w->files[w->nfiles++] = (struct world_file){ "db", FILE_HUGETLBFS,
						     1ull << 30,
						     HPAGE_PMD_ORDER };
	w->procs[w->nprocs++] = (struct world_proc){ "p1", -1 };
	w->procs[w->nprocs++] = (struct world_proc){ "p2", -1 };
	for (int p = 0; p < 2; p++)
		w->maps[w->nmaps++] = (struct world_map){
			.proc = p, .file = 0, .addr = VA_DB, .len = 1ull << 30,
			.prot = PROT_READ | PROT_WRITE, .flags = MAP_SHARED,
		};
	w->setup = ops_dup(setup, 2);
	w->nsetup = 2;
	for (int p = 0; p < 2; p++) {
		struct world_thread *t = &w->threads[w->nthreads++];

		/* bounded, so -O1 sees no possible truncation */
		snprintf(t->name, sizeof(t->name), "p%d-cpu%d", (p + 1) & 7,
			 p & 7);
		t->kind = THREAD_CPU;
		t->cpu = p;
		t->proc = p;
		t->mmu = -1;
		t->ops = ops_dup(cpu_ops, 4);
		t->nops = 4;
	}
	w->threads[w->nthreads++] = (struct world_thread){
		.name = "migrate", .kind = THREAD_KERNEL, .cpu = 2, .proc = 0,
		.mmu = -1, .ops = ops_dup(mig_ops, 1), .nops = 1,
	};
	w->expect[w->nexpect++] = (struct world_expect){ "v4.4",
							 "lost-write" };
	w->expect[w->nexpect++] = (struct world_expect){ "", "" };
	return 0;
}

const struct builtin builtins[] = {
	{ "pmd-share-migrate",
	  "hugetlb page migrated while two mms share its PMD table",
	  pmd_share_migrate },
};

const int nr_builtins = sizeof(builtins) / sizeof(builtins[0]);

const struct builtin *builtin_find(const char *name)
{
	for (int i = 0; i < nr_builtins; i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}
