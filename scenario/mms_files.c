// SPDX-License-Identifier: GPL-2.0-only
/* Looking up the compiled-in example scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/mms_files.h"

const struct mms_file *mms_file_find(const char *path)
{
	for (int i = 0; i < nr_mms_files; i++)
		if (!strcmp(mms_files[i].path, path))
			return &mms_files[i];
	return NULL;
}

/* Where built-ins are looked up by name, in this order. */
const char *const mms_name_dirs[] = { "seed/", "bugs/", "", NULL };

const struct mms_file *mms_file_by_name(const char *name)
{
	char path[256];
	const struct mms_file *f;

	if (strchr(name, '/') || strlen(name) > 200)
		return NULL;
	for (int d = 0; mms_name_dirs[d]; d++) {
		snprintf(path, sizeof(path), "%s%s.mms", mms_name_dirs[d],
			 name);
		f = mms_file_find(path);
		if (f)
			return f;
	}
	return NULL;
}

/* "examples/a/b.mms" includes "c.mms": look for "a/c.mms". */
int mms_resolve(void *arg, const char *from, const char *name,
		struct scn_source *out, char *why, size_t whylen)
{
	const char *base = from, *slash;
	const struct mms_file *f;
	char path[512];
	size_t dir;

	if (!strncmp(base, MMS_FILES_DIR "/", sizeof(MMS_FILES_DIR)))
		base += sizeof(MMS_FILES_DIR);
	slash = strrchr(base, '/');
	dir = slash ? (size_t)(slash - base) + 1 : 0;
	if (snprintf(path, sizeof(path), "%.*s%s", (int)dir, base, name) >=
	    (int)sizeof(path)) {
		snprintf(why, whylen, "name too long");
		return -1;
	}
	f = mms_file_find(path);
	if (!f) {
		snprintf(why, whylen, "no such built-in file");
		return -1;
	}
	out->len = strlen(f->text);
	out->buf = malloc(out->len + 1);
	out->name = malloc(strlen(path) + sizeof(MMS_FILES_DIR) + 1);
	if (!out->buf || !out->name) {
		free((void *)out->buf);
		free((void *)out->name);
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	memcpy((char *)out->buf, f->text, out->len + 1);
	sprintf((char *)out->name, MMS_FILES_DIR "/%s", path);
	return 0;
}
