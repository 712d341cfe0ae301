// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/parser.h"
#include "scenario/source.h"

/*
 * A FIFO or a device would block or never end: only regular files are
 * read, and never more than @max bytes of them.
 */
int scn_read_file(const char *path, size_t max, char **buf, size_t *len,
		  char *why, size_t whylen)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	char *b;
	size_t n;

	if (!f || fstat(fileno(f), &st)) {
		snprintf(why, whylen, "%s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		goto fail;
	}
	if ((size_t)st.st_size > max) {
		snprintf(why, whylen, "larger than %zu bytes", max);
		goto fail;
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		snprintf(why, whylen, "out of memory");
		goto fail;
	}
	n = fread(b, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		snprintf(why, whylen, "read error");
		free(b);
		goto fail;
	}
	fclose(f);
	*buf = b;
	*len = n;
	return 0;
fail:
	if (f)
		fclose(f);
	return -1;
}

/* Relative names are relative to the directory of the including file. */
int scn_resolve_disk(void *arg, const char *from, const char *name,
		     struct scn_source *out, char *why, size_t whylen)
{
	const char *slash = from ? strrchr(from, '/') : NULL;
	int dirlen = name[0] == '/' || !slash ? 0 : (int)(slash - from + 1);
	size_t plen = (size_t)dirlen + strlen(name) + 1;
	char *path = malloc(plen), *buf;
	size_t len;

	if (!path) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	snprintf(path, plen, "%.*s%s", dirlen, from ? from : "", name);
	if (scn_read_file(path, SCN_MAX_INPUT, &buf, &len, why, whylen)) {
		free(path);
		return -1;
	}
	out->name = path;
	out->buf = buf;
	out->len = len;
	return 0;
}
