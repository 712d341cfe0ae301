// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding: the seed scenarios written in .mms build the same world as
 * the C built-ins (same violation, same run, same step); what the model
 * cannot run is refused at file:line:col with the exact message.
 */
#include "eras/bugs.h"
#include "eras/era.h"
#include "mm/mm_types.h"
#include "mm/mm.h"
#include "explore/explore.h"
#include "scenario/bind.h"
#include "scenario/builtin.h"
#include "scenario/mms_files.h"
#include "tests/tap.h"

/* First error line of binding @text (under era @era, may be NULL). */
static char *bind_errors(const char *text, const char *era, int *n)
{
	struct world_spec w;
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	*n = scn_load_buffer("t.mms", text, strlen(text),
			     era ? era_find(era) : NULL, &w, f);
	fclose(f);
	if (!*n)
		world_spec_free(&w);
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

#define HEAD "scenario t\nmachine cpus 2 memory 64M\nhugetlb pool 2M 4\n" \
	"file db hugetlbfs size 1G\nprocess p1\n"
#define MAP "map p1 0x40000000 +1G file db shared rw\n"

static void expect_error(const char *text, const char *era, const char *msg)
{
	int n;
	char *e = bind_errors(text, era, &n);

	CHECK_INT(n, >=, 1);
	CHECK_STR(e, msg);
	free(e);
}

static void refusals_name_the_place(void)
{
	expect_error(HEAD "map p1 0x200000 +2M file db shared thp\n", NULL,
		     "t.mms:6:26: error: flag 'thp' does not apply to "
		     "hugetlbfs file 'db'");
	expect_error(HEAD "file s shmem size 4M\nmap p1 0x200000 +2M file s "
		     "shared thp\n", NULL,
		     "t.mms:7:1: error: thp on a file mapping is not modelled "
		     "(the model's THP faults are anonymous only)");
	expect_error(HEAD MAP "thread k kernel {\n\tp1 migrate 0x40001000\n}\n",
		     NULL, "t.mms:8:13: error: migrate address 0x40001000 is "
		     "inside a hugetlb mapping but not aligned to its 2M "
		     "pages");
	expect_error(HEAD "map p1 0x40000000 +1G file db offset 2M shared\n",
		     NULL, "t.mms:6:19: error: mapping of 1G at offset 2M "
		     "goes beyond the end of file 'db' (1G)");
	expect_error(HEAD MAP "thread u process p1 {\n\tmadvise 0x40000000 "
		     "+2M dontneed\n}\n", NULL,
		     "t.mms:8:10: error: madvise of a hugetlb range is not "
		     "modelled (0x40000000 +2M overlaps the mapping of 'db' at "
		     "0x40000000)");
	expect_error(HEAD MAP "thread u process p1 {\n\tmremap 0x40000000 "
		     "+2M 0x80000000\n}\n", NULL,
		     "t.mms:8:9: error: mremap of a hugetlb range is not "
		     "modelled (0x40000000 +2M overlaps the mapping of 'db' at "
		     "0x40000000)");
	expect_error(HEAD MAP "thread u process p1 {\n\tmadvise 0x40000000 "
		     "+2M dontneed\n}\n", NULL,
		     "t.mms:8:10: error: madvise of a hugetlb range is not "
		     "modelled (0x40000000 +2M overlaps the mapping of 'db' at "
		     "0x40000000)");
	expect_error(HEAD MAP "thread u process p1 {\n\tmadvise 0x40000000 "
		     "+2M cold\n}\n", NULL,
		     "t.mms:8:2: error: madvise cold is not modelled (the "
		     "model has no LRU to deactivate pages on)");
	expect_error(HEAD "file s shmem size 4M\nthread k kernel {\n\t"
		     "truncate s 0 +4K\n}\n", NULL,
		     "t.mms:8:15: error: a hole punch needs a hugetlbfs file "
		     "and a hole inside it");
	expect_error(HEAD "file s shmem size 4M\nthread k kernel {\n\t"
		     "truncate s 8M\n}\n", NULL,
		     "t.mms:8:13: error: truncate offset 8M is past the end "
		     "of file 's' (4M): truncate only shrinks");
	expect_error(HEAD "thread u process p1 {\n\trepeat 2 {\n\t\tfork "
		     "kid\n\t}\n}\n", NULL,
		     "t.mms:8:3: error: fork inside repeat would create "
		     "process 'kid' more than once");
	expect_error(HEAD MAP "process p2 fork p1\nmap p2 0x40000000 +2M "
		     "file db shared\n", NULL,
		     "t.mms:8:8: error: mapping 0x40000000 +2M of 'p2' overlaps "
		     "the one it inherits from 'p1' at t.mms:6:1 (a forked "
		     "process has its parent's mappings)");
	expect_error(HEAD MAP "thread k kernel {\n\treclaim 4 pages\n}\n",
		     NULL, "t.mms:8:2: error: reclaim without an address range "
		     "is not modelled yet (give ADDR +LEN)");
	expect_error(HEAD MAP "mmu m hmm-mirror p1\n", "v4.19",
		     "t.mms:7:1: error: mmu 'm': hmm-mirror needs interval "
		     "notifiers (5.5 and later), which era v4.19 does not "
		     "have");
	expect_error("scenario t\nmachine memory 2T\n", NULL,
		     "t.mms:2:16: error: memory 2T is more than the model "
		     "builds (at most 1T: every simulated frame is host "
		     "memory)");
	expect_error(HEAD "file r regular size 4M\n", NULL,
		     "t.mms:6:1: error: regular files are not modelled yet "
		     "(use shmem)");
}

/* Bind @text and run it once (PCT, one schedule); returns the world. */
static int bind_run(const char *text, struct world_spec *w,
		    struct run_result *r)
{
	struct explore_options o = { .run = { .max_steps = 200000 },
				     .runs = 1 };
	struct explore_result e;
	int n;

	memset(w, 0, sizeof(*w));
	memset(r, 0, sizeof(*r));
	n = scn_load_buffer("t.mms", text, strlen(text), NULL, w, stderr);
	if (n)
		return n;
	if (explore(w, &o, &e))
		return -1;
	if (e.nviol)
		*r = e.viol[0].r;
	explore_result_free(&e);
	return 0;
}

#define ANON "scenario t\nmachine cpus 2 memory 64M\nfile s shmem size 4M\n" \
	"process p1\nmap p1 0x10000000 +4M anon rw\n"

/* Every operation world.c executes binds, with the fields world.h names. */
static void every_modelled_op_binds(void)
{
	static const char text[] = ANON
		"setup {\n"
		"\tp1 mmap 0x20000000 +2M file s offset 1M shared ro locked\n"
		"\tp1 mmap 0x30000000 +4M anon private rw thp\n"
		"\tp1 write 0x10000000 +16K\n"
		"\tp1 mprotect 0x10000000 +4K ro\n"
		"\tp1 madvise 0x10001000 +4K dontneed\n"
		"\tp1 madvise 0x10002000 +4K free\n"
		"\tp1 madvise 0x10003000 +4K hugepage\n"
		"\tp1 madvise 0x10004000 +4K pageout\n"
		"\tp1 mremap 0x10008000 +8K 0x11000000\n"
		"\tp1 mlock 0x10010000 +8K\n"
		"\tp1 munlock 0x10010000 +8K\n"
		"\tp1 split 0x30000000\n"
		"\tp1 munmap 0x10100000 +1M\n"
		"\tp1 reclaim 0x10000000 +64K\n"
		"\ttruncate s 2M\n"
		"\tp1 fork kid\n"
		"}\n"
		"thread k process kid {\n\twrite 0x10000000\n\texit\n}\n"
		"expect none\n";
	struct world_spec w;
	struct run_result r;
	const struct world_op *o;

	CHECK_INT(bind_run(text, &w, &r), ==, 0);
	if (!w.setup)
		return;
	CHECK_STR(r.violation.kind, "");
	CHECK_INT(w.nsetup, ==, 16);
	CHECK_INT(w.nprocs, ==, 2);
	CHECK_STR(w.procs[1].name, "kid");
	CHECK_INT(w.procs[1].fork_of, ==, 0);
	o = w.setup;
	CHECK_INT(o[0].kind, ==, OP_MMAP);
	CHECK_INT(o[0].file, ==, 0);
	CHECK_U64(o[0].arg, ==, 256);		/* pgoff in pages */
	CHECK_U64(o[0].prot, ==, PROT_READ);
	CHECK_U64(o[0].flags, ==, MAP_SHARED | MAP_LOCKED);
	CHECK_U64(o[1].flags, ==, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGEPAGE);
	CHECK_INT(o[1].file, ==, -1);
	CHECK_INT(o[3].kind, ==, OP_MPROTECT);
	CHECK_U64(o[3].prot, ==, PROT_READ);
	CHECK_INT(o[4].kind, ==, OP_MADVISE);
	CHECK_U64(o[4].flags, ==, MADV_DONTNEED);
	CHECK_U64(o[5].flags, ==, MADV_FREE);
	CHECK_U64(o[6].flags, ==, MADV_HUGEPAGE);
	CHECK_INT(o[7].kind, ==, OP_RECLAIM);	/* pageout */
	CHECK_U64(o[7].len, ==, 4096);
	CHECK_INT(o[8].kind, ==, OP_MREMAP);
	CHECK_U64(o[8].arg, ==, 0x11000000);
	CHECK_INT(o[9].kind, ==, OP_MLOCK);
	CHECK_INT(o[10].kind, ==, OP_MUNLOCK);
	CHECK_INT(o[11].kind, ==, OP_SPLIT);
	CHECK_INT(o[12].kind, ==, OP_MUNMAP);
	CHECK_INT(o[13].kind, ==, OP_RECLAIM);
	CHECK_INT(o[14].kind, ==, OP_TRUNCATE);
	CHECK_INT(o[14].file, ==, 0);
	CHECK_U64(o[14].arg, ==, 2 << 20);
	CHECK_INT(o[15].kind, ==, OP_FORK);
	CHECK_INT(o[15].proc, ==, 0);
	CHECK_INT(o[15].target, ==, 1);
	CHECK_INT(w.threads[0].proc, ==, 1);
	CHECK_INT(w.threads[0].ops[1].kind, ==, OP_EXIT);
	world_spec_free(&w);
}

static void after_setup_mm(void)
{
	struct mm_struct *p1 = world_mm(0), *kid = world_mm(1);

	CHECK(p1 && kid && p1 != kid);
	/* mremap moved it, munmap removed it, the kid has a copy */
	CHECK(kid && find_vma(kid, 0x11000000) &&
	      find_vma(kid, 0x11000000)->vm_start == 0x11000000);
}

/* The operations run: their effect shows in the mms after setup. */
static void modelled_ops_take_effect(void)
{
	static const char text[] = ANON
		"setup {\n"
		"\tp1 write 0x10000000 +16K\n"
		"\tp1 mremap 0x10008000 +8K 0x11000000\n"
		"\tp1 fork kid\n"
		"}\n";
	struct explore_options o = { .run = { .max_steps = 100000,
					      .after_setup = after_setup_mm },
				     .runs = 1 };
	struct explore_result r;
	struct world_spec w;

	CHECK_INT(scn_load_buffer("t.mms", text, sizeof(text) - 1, NULL, &w,
				  stderr), ==, 0);
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	CHECK_INT(r.nviol, ==, 0);
	explore_result_free(&r);
	world_spec_free(&w);
}

/*
 * "process X fork Y": a fork op first in setup (parent Y, target X); X's
 * own mappings and mmus come with its fork; a thread of a fork-op child
 * runs in it.
 */
static void declared_fork_is_a_setup_fork(void)
{
	static const char text[] = HEAD MAP "file s shmem size 4M\n"
		"process p2 fork p1\nmap p2 0x10000000 +4M file s shared\n"
		"mmu o odp p2\n"
		"setup {\n\tp2 write 0x10000000\n}\n"
		"thread a process p2 {\n\twrite 0x40000000\n\tfork p3\n}\n"
		"thread b process p3 {\n\tread 0x10000000\n\texit\n}\n"
		"thread d device o {\n\tdma read 0x10000000\n}\n";
	struct world_spec w;
	struct run_result r;

	CHECK_INT(bind_run(text, &w, &r), ==, 0);
	if (!w.setup)
		return;
	CHECK_STR(r.violation.kind, "");
	CHECK_INT(w.nprocs, ==, 3);
	CHECK_INT(w.procs[1].fork_of, ==, 0);
	CHECK_INT(w.procs[2].fork_of, ==, 1);
	CHECK_INT(w.nsetup, ==, 2);
	CHECK_INT(w.setup[0].kind, ==, OP_FORK);
	CHECK_INT(w.setup[0].proc, ==, 0);
	CHECK_INT(w.setup[0].target, ==, 1);
	CHECK_INT(w.setup[1].kind, ==, OP_WRITE);
	CHECK_INT(w.threads[1].proc, ==, 2);
	CHECK_INT(w.mmus[0].proc, ==, 1);
	world_spec_free(&w);
}

static void hmm_mirror_binds_where_the_era_has_it(void)
{
	int n;
	char *e = bind_errors(HEAD MAP "mmu m hmm-mirror p1\n", "v6.18", &n);

	CHECK_INT(n, ==, 0);
	free(e);
}

/* Setup repeats run too (world.c expands them in setup as in threads). */
static void setup_repeat_runs(void)
{
	static const char text[] = HEAD MAP "setup {\n\trepeat 3 {\n\t\t"
		"write 0x40000000\n\t}\n}\nexpect none\n";
	struct explore_options o = { .run = { .max_steps = 10000 },
				     .runs = 3 };
	struct explore_result r;
	struct world_spec w;

	CHECK_INT(scn_load_buffer("t.mms", text, sizeof(text) - 1, NULL, &w,
				  stderr), ==, 0);
	CHECK_INT(w.nsetup, ==, 3);
	CHECK_INT(explore(&w, &o, &r), ==, 0);
	CHECK_INT(r.nviol, ==, 0);
	CHECK_STR(world_expected(&w, "v4.4"), "");
	explore_result_free(&r);
	world_spec_free(&w);
}

/* Explore the .mms and the C built-in @name alike: same violations. */
static int same_runs(const struct world_spec *m, const struct world_spec *c,
		     const char *era, uint64_t bugs, uint64_t runs)
{
	int n;

	struct explore_options o = {
		.run = { .era = era_find(era), .bugs = bugs,
			 .max_steps = 100000 },
		.strategy = STRATEGY_PCT, .depth = 3, .runs = runs,
	};
	struct explore_result a, b;

	explore(m, &o, &a);
	explore(c, &o, &b);
	CHECK_INT(a.nviol, ==, b.nviol);
	CHECK_U64(a.runs, ==, b.runs);
	for (int i = 0; i < a.nviol && i < b.nviol; i++) {
		CHECK_STR(a.viol[i].r.violation.msg, b.viol[i].r.violation.msg);
		CHECK_U64(a.viol[i].run, ==, b.viol[i].run);
		CHECK_U64(a.viol[i].r.violation.step, ==,
			  b.viol[i].r.violation.step);
	}
	n = a.nviol;
	explore_result_free(&a);
	explore_result_free(&b);
	return n;
}

static void same_as_c(const char *name)
{
	static const char *const eras[] = { "v4.4", "v4.19" };
	const struct mms_file *f = mms_file_by_name(name);
	struct world_spec m, c;

	CHECK(f != NULL);
	CHECK(builtin_find(name) != NULL);
	if (!f || !builtin_find(name) || scn_load_mms_file(f, NULL, &m, stderr))
		return;
	builtin_find(name)->build(&c);
	CHECK_STR(m.name, c.name);
	CHECK_INT(m.mc.nr_cpus, ==, c.mc.nr_cpus);
	CHECK_U64(m.mc.mem_bytes, ==, c.mc.mem_bytes);
	CHECK(m.mc.era == c.mc.era || !c.mc.era);
	for (int e = 0; e < 2; e++)
		same_runs(&m, &c, eras[e], 0, 300);
	for (int e = 0; e < nr_eras; e++)
		CHECK_STR(world_expected(&m, all_eras[e]->name) ?: "(none)",
			  world_expected(&c, all_eras[e]->name) ?: "(none)");
	world_spec_free(&m);
	world_spec_free(&c);
}

/*
 * examples/bugs/NAME.mms and the C built-in NAME that the catalogue
 * names: the same runs, violations and steps in every era the switch
 * applies to, with the switch and without; and the same expectations.
 */
static void bug_mms_equals_the_c_builtins(void)
{
	int twins = 0;

	for (int i = 0; i < NR_BUG_SWITCHES; i++) {
		const struct bug_info *bi = &bug_table[i];
		const struct mms_file *f = mms_file_by_name(bi->scenario);
		struct world_spec m, c;
		char era[16];
		int with = 0;

		CHECK(builtin_find(bi->scenario) != NULL);
		CHECK(f != NULL && !strncmp(f->path, "bugs/", 5));
		if (!f || !builtin_find(bi->scenario) ||
		    scn_load_mms_file(f, NULL, &m, stderr))
			continue;
		twins++;
		builtin_find(bi->scenario)->build(&c);
		CHECK_STR(m.name, c.name);
		CHECK(m.mc.era == c.mc.era || !c.mc.era);
		for (const char *p = bi->eras; sscanf(p, "%15s", era) == 1;
		     p += strcspn(p, " "), p += strspn(p, " ")) {
			same_runs(&m, &c, era, 0, 200);
			with += same_runs(&m, &c, era, 1ull << i, 3000);
		}
		printf("# %s: %d violation%s with the switch\n", bi->name, with,
		       with == 1 ? "" : "s");
		/* the scenario shows its switch */
		CHECK_INT(with, >, 0);
		for (int e = 0; e < nr_eras; e++)
			CHECK_STR(world_expected(&m, all_eras[e]->name) ?:
				  "(none)",
				  world_expected(&c, all_eras[e]->name) ?:
				  "(none)");
		world_spec_free(&m);
		world_spec_free(&c);
	}
	CHECK_INT(twins, ==, NR_BUG_SWITCHES);
}

static void seed_mms_equals_the_c_builtins(void)
{
	same_as_c("pmd-share-migrate");
	same_as_c("pmd-share-migrate-odp");
	same_as_c("pmd-share-migrate-iommu");
	same_as_c("pmd-share-migrate-kvm");
	same_as_c("pmd-share-poison");
	same_as_c("reclaim-mprotect");
	same_as_c("thp-migrate-kvm");
}

TAP_MAIN(TEST(refusals_name_the_place), TEST(every_modelled_op_binds),
	 TEST(modelled_ops_take_effect), TEST(declared_fork_is_a_setup_fork),
	 TEST(hmm_mirror_binds_where_the_era_has_it),
	 TEST(setup_repeat_runs), TEST(seed_mms_equals_the_c_builtins),
	 TEST(bug_mms_equals_the_c_builtins))
