// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for the scenario front end: any input must parse or be
 * rejected without a crash, leak or hang; and whatever parses must print
 * to a canonical form that parses to the same print again.
 *
 * Built by tests/fuzz/run.sh with libFuzzer (-DMMSIM_LIBFUZZER); without
 * it, main() reads one input from argv[1] or stdin, for AFL++ or replay.
 * Includes resolve only to "common.mms", an in-memory file that includes
 * back into the input's name, so that cycles and depth get exercised.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

static const char *const eras[] = {
	"v4.4", "v4.4-seed", "v4.4.y", "v4.19", "v6.18", NULL,
};

static const char common[] =
	"process shared0\n"
	"file f0 shmem size 8M\n"
	"include \"input.mms\"\n";

static int resolve(void *arg, const char *from, const char *name,
		   struct scn_source *out, char *why, size_t whylen)
{
	const struct scn_source *input = arg;
	const char *text = NULL;
	size_t len = 0;

	if (!strcmp(name, "common.mms")) {
		text = common;
		len = sizeof(common) - 1;
	} else if (!strcmp(name, "input.mms")) {
		text = input->buf;
		len = input->len;
	} else {
		snprintf(why, whylen, "no such built-in scenario");
		return -1;
	}
	out->name = strdup(name);
	out->buf = malloc(len ? len : 1);
	if (!out->name || !out->buf)
		abort();
	memcpy((char *)out->buf, text, len);
	out->len = len;
	return 0;
}

/* The canonical print of @buf, or NULL when it does not parse. */
static char *parse_print(const char *buf, size_t len, size_t *plen)
{
	struct scn_source input = { "input.mms", buf, len };
	struct scn_opts o = {
		.eras = eras, .resolve = resolve, .resolve_arg = &input,
	};
	struct scn_scenario *s;
	char *out = NULL;
	FILE *f;

	if (scn_parse_buffer("input.mms", buf, len, &o, &s, NULL))
		return NULL;
	f = open_memstream(&out, plen);
	if (!f)
		abort();
	scn_print(f, s);
	fclose(f);
	scn_free(s);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t l1, l2;
	char *p1 = parse_print((const char *)data, size, &l1), *p2;

	if (!p1)
		return 0;
	p2 = parse_print(p1, l1, &l2);
	if (!p2 || l1 != l2 || memcmp(p1, p2, l1)) {
		fprintf(stderr, "round trip differs:\n--- first\n%s--- second"
			"\n%s", p1, p2 ? p2 : "(does not parse)\n");
		/* Show why the print does not parse. */
		scn_parse_buffer("print.mms", p1, l1, NULL,
				 &(struct scn_scenario *){ NULL }, stderr);
		abort();
	}
	free(p1);
	free(p2);
	return 0;
}

#ifndef MMSIM_LIBFUZZER
int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	size_t len = 0, cap = 1 << 16, n;
	char *buf = malloc(cap);

	if (!f || !buf) {
		perror(argc > 1 ? argv[1] : "stdin");
		return 2;
	}
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap && !(buf = realloc(buf, cap *= 2)))
			abort();
	}
	if (f != stdin)
		fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	return 0;
}
#endif
