// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding: the seed scenarios written in .mms build the same world as
 * the C built-ins (same violation, same run, same step); what the model
 * cannot run is refused at file:line:col with the exact message.
 */
#include "eras/era.h"
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
	expect_error(HEAD "process p2 fork p1\n", NULL,
		     "t.mms:6:17: error: fork is not modelled yet: process "
		     "'p2' cannot be forked from 'p1'");
	expect_error(HEAD "map p1 0x200000 +2M anon thp\n", NULL,
		     "t.mms:6:1: error: thp mappings are not modelled yet "
		     "(drop 'thp')");
	expect_error(HEAD MAP "thread k kernel {\n\tp1 migrate 0x40001000\n}\n",
		     NULL, "t.mms:8:13: error: migrate address 0x40001000 is "
		     "inside a hugetlb mapping but not aligned to its 2M "
		     "pages");
	expect_error(HEAD "map p1 0x40000000 +1G file db offset 2M shared\n",
		     NULL, "t.mms:6:19: error: mapping of 1G at offset 2M "
		     "goes beyond the end of file 'db' (1G)");
	expect_error(HEAD MAP "thread u process p1 {\n\tmunmap 0x40000000 "
		     "+2M\n}\n", NULL,
		     "t.mms:8:2: error: 'munmap' is not modelled yet");
	expect_error(HEAD MAP "mmu m hmm-mirror p1\n", "v4.19",
		     "t.mms:7:1: error: mmu 'm': hmm-mirror needs interval "
		     "notifiers (5.5 and later), which era v4.19 does not "
		     "have");
	expect_error("scenario t\nmachine memory 64G\n", NULL,
		     "t.mms:2:16: error: memory 64G is more than the model "
		     "builds (at most 4G)");
	expect_error(HEAD "file r regular size 4M\n", NULL,
		     "t.mms:6:1: error: regular files are not modelled yet "
		     "(use shmem)");
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

static void same_as_c(const char *name)
{
	static const char *const eras[] = { "v4.4", "v4.19" };
	const struct mms_file *f = mms_file_by_name(name);
	struct world_spec m, c;

	CHECK(f != NULL);
	if (!f || scn_load_mms_file(f, NULL, &m, stderr))
		return;
	builtin_find(name)->build(&c);
	for (int e = 0; e < 2; e++) {
		struct explore_options o = {
			.run = { .era = era_find(eras[e]),
				 .max_steps = 100000 },
			.strategy = STRATEGY_PCT, .depth = 3, .runs = 300,
		};
		struct explore_result a, b;

		explore(&m, &o, &a);
		explore(&c, &o, &b);
		CHECK_INT(a.nviol, ==, b.nviol);
		CHECK_U64(a.runs, ==, b.runs);
		for (int i = 0; i < a.nviol && i < b.nviol; i++) {
			CHECK_STR(a.viol[i].r.violation.msg,
				  b.viol[i].r.violation.msg);
			CHECK_U64(a.viol[i].run, ==, b.viol[i].run);
			CHECK_U64(a.viol[i].r.violation.step, ==,
				  b.viol[i].r.violation.step);
		}
		explore_result_free(&a);
		explore_result_free(&b);
	}
	for (int e = 0; e < nr_eras; e++)
		CHECK_STR(world_expected(&m, all_eras[e]->name) ?: "(none)",
			  world_expected(&c, all_eras[e]->name) ?: "(none)");
	world_spec_free(&m);
	world_spec_free(&c);
}

static void seed_mms_equals_the_c_builtins(void)
{
	same_as_c("pmd-share-migrate");
	same_as_c("pmd-share-migrate-odp");
	same_as_c("pmd-share-migrate-iommu");
	same_as_c("pmd-share-migrate-kvm");
	same_as_c("pmd-share-poison");
}

TAP_MAIN(TEST(refusals_name_the_place),
	 TEST(hmm_mirror_binds_where_the_era_has_it),
	 TEST(setup_repeat_runs), TEST(seed_mms_equals_the_c_builtins))
