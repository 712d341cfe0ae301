// SPDX-License-Identifier: GPL-2.0-only
/*
 * Valid scenarios parse to the AST they say, with positions; includes
 * splice from disk or from a resolver; the canonical print parses back
 * to itself.  Run from the top of the tree (make check does).
 */
#include "scenario/parser.h"
#include "scenario/suggest.h"
#include "tests/tap.h"

static const char *const eras[] = {
	"v4.4", "v4.4-seed", "v4.4.y", "v4.19", "v6.18", NULL,
};

static const struct scn_opts opts = { .eras = eras };

static struct scn_scenario *parse(const char *text)
{
	struct scn_scenario *s = NULL;

	CHECK_INT(scn_parse_buffer("t.mms", text, strlen(text), &opts, &s,
				   stdout), ==, 0);
	return s;
}

static char *print(const struct scn_scenario *s)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	scn_print(f, s);
	fclose(f);
	return buf;
}

static void pos_is(struct scn_pos p, int line, int col, int len)
{
	CHECK_INT(p.line, ==, line);
	CHECK_INT(p.col, ==, col);
	CHECK_INT(p.len, ==, len);
}

/*
 * examples/pmd-share-migrate.mms, by line:
 *   8 file db hugetlbfs size 1G pagesize 2M
 *  11 process p2 fork p1
 *  13 (a comment: p2 inherits p1's mappings)
 *  14 map p1 0x10000000 +4M anon private rw thp
 *  22 thread t1 cpu 0 process p1 {  23 repeat 4 {  25 read ...
 */
static void example_parses_to_its_ast(void)
{
	struct scn_scenario *s;
	const struct scn_op *rep;

	CHECK_INT(scn_parse_file("examples/pmd-share-migrate.mms", &opts, &s,
				 stdout), ==, 0);
	if (!s)
		return;
	CHECK_STR(s->name.s, "pmd-share-migrate");
	CHECK_U64(s->cpus.v, ==, 4);
	CHECK_U64(s->memory.v, ==, 64 << 20);
	CHECK_STR(s->era.s, "v4.4");
	CHECK_INT(s->npools, ==, 1);
	CHECK_U64(s->pools[0].pagesize.v, ==, 2 << 20);
	CHECK_U64(s->pools[0].count.v, ==, 8);
	CHECK_INT(s->nfiles, ==, 2);
	CHECK_INT(s->files[0].kind, ==, SCN_FILE_HUGETLBFS);
	CHECK_U64(s->files[0].size.v, ==, 1 << 30);
	pos_is(s->files[0].size.pos, 8, 24, 2);
	CHECK_U64(s->files[1].pagesize.v, ==, 4096);	/* the default */
	CHECK_INT(s->nprocs, ==, 2);
	CHECK_STR(s->procs[1].parent.s, "p1");
	pos_is(s->procs[1].parent.pos, 11, 17, 2);
	CHECK_INT(s->nmaps, ==, 2);	/* p2 inherits p1's at its fork */
	CHECK_STR(s->maps[0].spec.file.s, "db");
	CHECK(s->maps[0].spec.shared);
	CHECK(!s->maps[1].spec.file.s);
	CHECK(s->maps[1].spec.thp);
	CHECK_INT(s->maps[1].spec.prot, ==, SCN_PROT_RW);
	pos_is(s->maps[1].len.pos, 14, 19, 3);
	CHECK_INT(s->nmmus, ==, 1);
	CHECK_INT(s->mmus[0].kind, ==, SCN_MMU_ODP);
	CHECK_INT(s->setup.n, ==, 2);
	CHECK_STR(s->setup.v[0].proc.s, "p1");
	CHECK_U64(s->setup.v[0].len.v, ==, 4096);
	CHECK(!s->setup.v[1].len.set);
	CHECK_INT(s->nthreads, ==, 4);
	CHECK_INT(s->threads[0].kind, ==, SCN_THREAD_PROCESS);
	CHECK_U64(s->threads[0].cpu.v, ==, 0);
	CHECK(s->threads[0].cpu.set);
	rep = &s->threads[0].ops.v[0];
	CHECK_INT(rep->kind, ==, SCN_OP_REPEAT);
	CHECK_U64(rep->count.v, ==, 4);
	CHECK_INT(rep->body.n, ==, 2);
	CHECK_INT(rep->body.v[1].kind, ==, SCN_OP_READ);
	pos_is(rep->body.v[1].pos, 25, 3, 4);
	CHECK_INT(s->threads[1].kind, ==, SCN_THREAD_KERNEL);
	CHECK_INT(s->threads[1].ops.v[0].kind, ==, SCN_OP_MIGRATE);
	CHECK_INT(s->threads[2].kind, ==, SCN_THREAD_DEVICE);
	CHECK_STR(s->threads[2].target.s, "odp0");
	CHECK_INT(s->threads[2].ops.v[0].dir, ==, SCN_DIR_READ);
	CHECK_INT(s->nexpects, ==, 2);
	CHECK(s->expects[0].violation);
	CHECK_STR(s->expects[0].kind.s, "lost-write");
	CHECK_STR(s->expects[0].era.s, "v4.4");
	CHECK(!s->expects[1].era.s);
	CHECK(!s->expects[1].violation);
	scn_free(s);
}

static void defaults_fill_in(void)
{
	struct scn_scenario *s = parse("scenario d\nhugetlb pool 1G 2\n"
				       "file h hugetlbfs size 2G\n");

	if (!s)
		return;
	CHECK(!s->cpus.set);
	CHECK_U64(s->cpus.v, ==, 4);
	CHECK_U64(s->memory.v, ==, 3ull << 30);
	CHECK_U64(s->files[0].pagesize.v, ==, 2 << 20);
	CHECK(!s->era.s);
	scn_free(s);
}

static void every_operation(void)
{
	struct scn_scenario *s = parse(
		"scenario ops\nfile f regular size 1M\nprocess p\n"
		"thread t process p {\n"
		"mmap 0x1000 +8K file f offset 4K shared ro locked\n"
		"munmap 0x1000 +4K\nmprotect 0x2000 +4K none\n"
		"madvise 0x2000 +4K pageout\nmremap 0x2000 +4K 0x9000\n"
		"fork kid\nmlock 0x9000 +4K\nmunlock 0x9000 +4K\n"
		"migrate 0x9000\nreclaim\nreclaim 0x9000 +4K\n"
		"reclaim 12 pages\npoison 0x9000\nsplit 0x9000\n"
		"truncate f 0\nexit\n}\n"
		"thread k process kid { write 0x9000 }\n");
	const struct scn_op *op;

	if (!s)
		return;
	CHECK_INT(s->threads[0].ops.n, ==, 16);
	op = s->threads[0].ops.v;
	CHECK_STR(op[0].map.file.s, "f");
	CHECK_U64(op[0].map.offset.v, ==, 4096);
	CHECK_INT(op[0].map.prot, ==, SCN_PROT_RO);
	CHECK(op[0].map.locked && op[0].map.shared);
	CHECK_INT(op[2].prot, ==, SCN_PROT_NONE);
	CHECK_INT(op[3].advice, ==, SCN_ADV_PAGEOUT);
	CHECK_U64(op[4].to.v, ==, 0x9000);
	CHECK_STR(op[5].name.s, "kid");
	CHECK(!op[9].addr.set && !op[9].count.set);
	CHECK(op[10].addr.set && op[10].len.set);
	CHECK_U64(op[11].count.v, ==, 12);
	CHECK_INT(op[14].kind, ==, SCN_OP_TRUNCATE);
	CHECK_INT(op[15].kind, ==, SCN_OP_EXIT);
	CHECK_STR(s->threads[1].target.s, "kid");
	CHECK_INT(s->threads[1].ops.n, ==, 1);
	scn_free(s);
}

static void include_from_disk_keeps_positions(void)
{
	struct scn_scenario *s;

	CHECK_INT(scn_parse_file("examples/munmap-odp-shared.mms", &opts,
				 &s, stdout), ==, 0);
	if (!s)
		return;
	CHECK_INT(s->nprocs, ==, 2);
	CHECK_STR(s->procs[1].pos.file, "examples/common/two-procs.mms");
	CHECK_INT(s->procs[1].pos.line, ==, 7);
	CHECK_INT(s->setup.n, ==, 2);	/* both setup blocks, in order */
	CHECK_STR(s->setup.v[0].proc.s, "parent");
	CHECK_STR(s->setup.v[1].proc.s, "child");
	CHECK_STR(s->mmus[0].pos.file, "examples/munmap-odp-shared.mms");
	scn_free(s);
}

/* Built-in scenarios, compiled in, include each other by name. */
static int builtin(void *arg, const char *from, const char *name,
		   struct scn_source *out, char *why, size_t whylen)
{
	static const char lib[] = "process p1\nmap p1 0x1000 +4K anon\n";

	if (strcmp(name, "lib")) {
		snprintf(why, whylen, "no built-in scenario '%s'", name);
		return -1;
	}
	out->name = strdup("builtin:lib");
	out->buf = strdup(lib);
	out->len = strlen(lib);
	return 0;
}

static void include_through_a_resolver(void)
{
	static const char text[] = "scenario b\ninclude \"lib\"\n"
				   "include \"nope\"\n";
	struct scn_opts o = { .resolve = builtin };
	struct scn_scenario *s;
	char *err = NULL;
	size_t len;
	FILE *f = open_memstream(&err, &len);

	CHECK_INT(scn_parse_buffer("builtin:b", text, strlen(text) - 15, &o,
				   &s, f), ==, 0);
	if (s) {
		CHECK_STR(s->maps[0].pos.file, "builtin:lib");
		CHECK_INT(s->maps[0].pos.line, ==, 2);
		scn_free(s);
	}
	CHECK_INT(scn_parse_buffer("builtin:b", text, strlen(text), &o, &s,
				   f), ==, 1);
	fclose(f);
	CHECK_CONTAINS(err, "builtin:b:3:9: error: cannot include \"nope\": "
		       "no built-in scenario 'nope'\n");
	free(err);
}

static void print_parses_back_to_itself(const char *path)
{
	struct scn_scenario *s, *s2;
	char *p1, *p2;

	CHECK_INT(scn_parse_file(path, &opts, &s, stdout), ==, 0);
	if (!s)
		return;
	p1 = print(s);
	s2 = parse(p1);
	p2 = s2 ? print(s2) : NULL;
	CHECK_STR(p1, p2);
	free(p1);
	free(p2);
	scn_free(s);
	scn_free(s2);
}

static void examples_round_trip(void)
{
	print_parses_back_to_itself("examples/pmd-share-migrate.mms");
	print_parses_back_to_itself("examples/thp-split-mmu.mms");
	print_parses_back_to_itself("examples/reclaim-deferred-flush.mms");
	print_parses_back_to_itself("examples/munmap-odp-shared.mms");
}

static void canonical_print(void)
{
	struct scn_scenario *s = parse(
		"scenario c # x\nprocess p\n"
		"map p 0x200000 +2M anon thp\nsetup { write 0x200000 }\n"
		"thread t kernel {\n\trepeat 2 { repeat 3 {\n"
		"\t\tp split 0x200000\n}\n}\n}\nexpect v4.4 violation\n");
	char *got;

	if (!s)
		return;
	got = print(s);
	CHECK_STR(got, "scenario c\nprocess p\n"
		  "map p 0x200000 +2M anon private rw thp\n"
		  "setup {\n\twrite 0x200000\n}\n"
		  "thread t kernel {\n\trepeat 2 {\n\t\trepeat 3 {\n"
		  "\t\t\tp split 0x200000\n\t\t}\n\t}\n}\n"
		  "expect v4.4 violation\n");
	free(got);
	scn_free(s);
}

static void model_reports_at_a_node(void)
{
	struct scn_scenario *s = parse("scenario r\nprocess p\n"
				       "map p 0x1000 +4K anon\n");
	char *err = NULL;
	size_t len;
	FILE *f;

	if (!s)
		return;
	f = open_memstream(&err, &len);
	scn_report(f, s, s->maps[0].addr.pos, "no room at %s", "0x1000");
	fclose(f);
	CHECK_STR(err, "t.mms:3:7: error: no room at 0x1000\n"
		  "    map p 0x1000 +4K anon\n"
		  "          ^~~~~~\n");
	free(err);
	scn_free(s);
}

static void edit_distance(void)
{
	CHECK_INT(scn_edit_distance("wirte", "write", 2), ==, 1);
	CHECK_INT(scn_edit_distance("", "abc", 5), ==, 3);
	CHECK_INT(scn_edit_distance("kitten", "sitting", 5), ==, 3);
	CHECK_INT(scn_edit_distance("kitten", "sitting", 1), ==, 2);
	CHECK_INT(scn_edit_distance("same", "same", 0), ==, 0);
}

TAP_MAIN(TEST(example_parses_to_its_ast), TEST(defaults_fill_in),
	 TEST(every_operation), TEST(include_from_disk_keeps_positions),
	 TEST(include_through_a_resolver), TEST(examples_round_trip),
	 TEST(canonical_print), TEST(model_reports_at_a_node),
	 TEST(edit_distance))
