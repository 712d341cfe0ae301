// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every class of error, with its exact message.  Most cases are files in
 * tests/scenario/bad/, each starting with "# expect: " and the first line
 * the parser must print; the rest need inputs no file can hold.  Run from
 * the top of the tree (make check does).
 */
#include <dirent.h>

#include "scenario/parser.h"
#include "tests/tap.h"

#define BAD_DIR "tests/scenario/bad"

static const char *const eras[] = {
	"v4.4", "v4.4-seed", "v4.4.y", "v4.19", "v6.18", NULL,
};

static const struct scn_opts opts = { .eras = eras };

/* Errors of parsing @path, as text; the count goes to *@n. */
static char *errors_of_file(const char *path, int *n)
{
	struct scn_scenario *s = NULL;
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	*n = scn_parse_file(path, &opts, &s, f);
	fclose(f);
	CHECK(!s);
	return buf;
}

static char *errors_of(const char *text, const struct scn_opts *o, int *n)
{
	struct scn_scenario *s = NULL;
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	*n = scn_parse_buffer("t.mms", text, strlen(text), o, &s, f);
	fclose(f);
	CHECK(!s);
	return buf;
}

/* The "# expect: " line of a bad file. */
static void expected_of(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = 0;
	if (f && fgets(buf, (int)len, f) && !strncmp(buf, "# expect: ", 10))
		memmove(buf, buf + 10, strlen(buf + 10) + 1);
	else
		TAP_FAIL("%s has no '# expect: ' first line", path);
	buf[strcspn(buf, "\n")] = 0;
	if (f)
		fclose(f);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool is_mms(const struct dirent *d)
{
	size_t l = strlen(d->d_name);

	return l > 4 && !strcmp(d->d_name + l - 4, ".mms");
}

static void check_bad_file(const char *name)
{
	char path[512], want[1024], *got;
	int n;

	snprintf(path, sizeof(path), "%s/%s", BAD_DIR, name);
	expected_of(path, want, sizeof(want));
	got = errors_of_file(path, &n);
	CHECK_INT(n, >=, 1);
	got[strcspn(got, "\n")] = 0;
	CHECK_STR(got, want);
	free(got);
}

static void bad_files_give_their_expected_error(void)
{
	struct dirent **list;
	int n = scandir(BAD_DIR, &list, NULL, by_name), checked = 0;

	if (n < 0) {
		TAP_FAIL("cannot open %s: run from the top of the tree",
			 BAD_DIR);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (is_mms(list[i])) {
			check_bad_file(list[i]->d_name);
			checked++;
		}
		free(list[i]);
	}
	free(list);
	printf("# %d bad files checked\n", checked);
	CHECK_INT(checked, >=, 60);
}

static void error_quotes_the_line_with_a_caret(void)
{
	int n;
	char *got = errors_of("scenario x\nprocess p1\n"
			      "map p1 0x40000000 banana\n", &opts, &n);

	CHECK_INT(n, ==, 1);
	CHECK_STR(got, "t.mms:3:19: error: expected a length (e.g. +4K, "
		  "+2M), found 'banana'\n"
		  "    map p1 0x40000000 banana\n"
		  "                      ^~~~~~\n");
	free(got);
}

static void caret_lines_up_after_tabs(void)
{
	int n;
	char *got = errors_of("scenario x\nprocess p1\n"
			      "thread t process p1 {\n\t\twirte 0x1000\n}\n",
			      &opts, &n);

	CHECK_STR(got, "t.mms:4:3: error: unknown operation 'wirte'; did "
		  "you mean 'write'?\n"
		  "    \t\twirte 0x1000\n"
		  "    \t\t^~~~~\n");
	free(got);
}

static void input_larger_than_limit(void)
{
	size_t len = SCN_MAX_INPUT + 1;
	char *big = malloc(len + 1), *got = NULL;
	struct scn_scenario *s;
	size_t glen;
	FILE *f = open_memstream(&got, &glen);
	int n;

	memset(big, '#', len);
	big[len] = 0;
	n = scn_parse_buffer("big.mms", big, len, &opts, &s, f);
	fclose(f);
	CHECK_INT(n, ==, 1);
	CHECK_CONTAINS(got, "big.mms:1:1: error: input larger than 1048576 "
		       "bytes\n");
	free(got);
	free(big);
}

/* dN.mms includes d(N+1).mms, forever. */
static int deep(void *arg, const char *from, const char *name,
		struct scn_source *out, char *why, size_t whylen)
{
	int d = 0;
	char *text = malloc(64);

	sscanf(name, "d%d.mms", &d);
	snprintf(text, 64, "include \"d%d.mms\"\n", d + 1);
	out->name = strdup(name);
	out->buf = text;
	out->len = strlen(text);
	return 0;
}

static void include_deeper_than_limit(void)
{
	struct scn_opts o = { .resolve = deep };
	int n;
	char *got = errors_of("scenario x\ninclude \"d1.mms\"\n", &o, &n);

	CHECK_INT(n, ==, 1);
	got[strcspn(got, "\n")] = 0;
	CHECK_STR(got, "d16.mms:1:9: error: includes nested more than 16 "
		  "deep");
	free(got);
}

static void errors_stop_at_the_limit(void)
{
	char text[4096] = "scenario x\n";
	int n;
	char *got;

	for (int i = 0; i < 30; i++)
		strcat(text, "bogus\n");
	got = errors_of(text, &opts, &n);
	CHECK_INT(n, ==, SCN_MAX_ERRORS);
	CHECK_CONTAINS(got, "t.mms:21:1: error: unknown statement 'bogus'");
	CHECK(!strstr(got, "t.mms:22:1"));
	CHECK_CONTAINS(got, "too many errors (more than 20), stopping\n");
	free(got);
}

static void one_error_per_bad_line(void)
{
	int n;
	char *got = errors_of("scenario x\nmachine cpus banana\n"
			      "process p1 p2\nprocess p3\nmap p4\n",
			      &opts, &n);

	CHECK_INT(n, ==, 3);
	CHECK_CONTAINS(got, "t.mms:2:14:");
	CHECK_CONTAINS(got, "t.mms:3:12:");
	CHECK_CONTAINS(got, "t.mms:5:7: error: expected an address");
	free(got);
}

static void unreadable_file(void)
{
	int n;
	char *got = errors_of_file(BAD_DIR, &n);

	CHECK_INT(n, ==, 1);
	CHECK_STR(got, BAD_DIR ": error: cannot read: not a regular file\n");
	free(got);
}

static void null_stream_counts_only(void)
{
	struct scn_scenario *s;

	CHECK_INT(scn_parse_buffer("t.mms", "bogus\n", 6, NULL, &s, NULL),
		  ==, 1);
	CHECK(!s);
}

static void nul_byte_is_an_error(void)
{
	struct scn_scenario *s;
	char *got = NULL;
	size_t len;
	FILE *f = open_memstream(&got, &len);

	CHECK_INT(scn_parse_buffer("t.mms", "scenario x\0\n", 12, NULL, &s,
				   f), ==, 1);
	fclose(f);
	CHECK_CONTAINS(got, "t.mms:1:11: error: unexpected character byte "
		       "0x00");
	free(got);
}

TAP_MAIN(TEST(bad_files_give_their_expected_error),
	 TEST(error_quotes_the_line_with_a_caret),
	 TEST(caret_lines_up_after_tabs), TEST(input_larger_than_limit),
	 TEST(include_deeper_than_limit), TEST(errors_stop_at_the_limit),
	 TEST(one_error_per_bad_line), TEST(unreadable_file),
	 TEST(null_stream_counts_only), TEST(nul_byte_is_an_error))
