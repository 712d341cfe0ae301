// SPDX-License-Identifier: GPL-2.0-only
/* Writing a report's text and JSON files under --out DIR. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "eras/era.h"
#include "tools/lib/cli.h"

static int mkdir_p(const char *dir)
{
	char p[512];

	if (snprintf(p, sizeof(p), "%s", dir) >= (int)sizeof(p))
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
}

/* @path gets the JSON file's name (the one replay takes). */
int report_save(const char *dir, const struct report *rep, int index,
		char *path, size_t len)
{
	char base[400];
	FILE *f;

	if (mkdir_p(dir)) {
		cli_error("--out: cannot create directory '%s': %s", dir,
			  strerror(errno));
		return -1;
	}
	snprintf(base, sizeof(base), "%s/%s-%s-%s-%d", dir, rep->w->name,
		 rep->era->name, rep->r.violation.kind, index);
	for (int k = 0; k < 2; k++) {
		snprintf(path, len, "%s.%s", base, k ? "json" : "txt");
		f = fopen(path, "w");
		if (!f) {
			cli_error("--out: cannot write '%s': %s", path,
				  strerror(errno));
			return -1;
		}
		if (k) {
			report_json(f, rep, 0);
			fputc('\n', f);
		} else {
			report_text(f, rep);
		}
		if (fclose(f)) {
			cli_error("--out: cannot write '%s'", path);
			return -1;
		}
	}
	return 0;
}
