// SPDX-License-Identifier: GPL-2.0-only
/* Parse, check and bind in one step, with the model's names known. */
#include <string.h>

#include "scenario/bind.h"
#include "scenario/kinds.h"
#include "scenario/mms_files.h"
#include "scenario/parser.h"

static struct scn_opts load_opts(void)
{
	return (struct scn_opts){
		.eras = era_names(),
		.violations = violation_kind_names,
	};
}

static int bind_and_free(struct scn_scenario *s, int errors,
			 const struct era *era, struct world_spec *w,
			 FILE *err)
{
	if (!errors)
		errors = scn_bind(s, era, w, err);
	scn_free(s);
	return errors;
}

int scn_load_buffer(const char *name, const char *buf, size_t len,
		    const struct era *era, struct world_spec *w, FILE *err)
{
	struct scn_opts o = load_opts();
	struct scn_scenario *s = NULL;
	int errors = scn_parse_buffer(name, buf, len, &o, &s, err);

	return bind_and_free(s, errors, era, w, err);
}

int scn_load_file(const char *path, const struct era *era,
		  struct world_spec *w, FILE *err)
{
	struct scn_opts o = load_opts();
	struct scn_scenario *s = NULL;
	int errors = scn_parse_file(path, &o, &s, err);

	return bind_and_free(s, errors, era, w, err);
}

int scn_load_mms_file(const struct mms_file *f, const struct era *era,
		      struct world_spec *w, FILE *err)
{
	struct scn_opts o = load_opts();
	struct scn_scenario *s = NULL;
	char name[300];
	int errors;

	o.resolve = mms_resolve;
	snprintf(name, sizeof(name), MMS_FILES_DIR "/%s", f->path);
	errors = scn_parse_buffer(name, f->text, strlen(f->text), &o, &s, err);
	return bind_and_free(s, errors, era, w, err);
}
