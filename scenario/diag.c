// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <string.h>

#include "scenario/diag.h"
#include "scenario/parser.h"

static const struct scn_source *find_source(const struct scn_scenario *s,
					    const char *file)
{
	for (int i = 0; s && i < s->nsources; i++)
		if (s->sources[i].name == file)
			return &s->sources[i];
	return NULL;
}

/*
 * Quote line @pos.line and put a caret under the token.  Tabs before the
 * token are copied into the caret line so that it lines up whatever the
 * reader's tab width.
 */
static void quote(FILE *f, const struct scn_source *src, struct scn_pos pos)
{
	const char *p = src->buf, *end = src->buf + src->len, *eol;
	int width, i;

	for (int l = 1; l < pos.line && p < end; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : end;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	fputs("    ", f);
	for (const char *q = p; q < eol; q++)
		fputc(*q == '\t' || isprint((unsigned char)*q) ? *q : '?', f);
	fputs("\n    ", f);
	for (i = 1; i < pos.col && p + i - 1 < eol; i++)
		fputc(p[i - 1] == '\t' ? '\t' : ' ', f);
	fputc('^', f);
	width = pos.len;
	if (width > eol - (p + i - 1))
		width = (int)(eol - (p + i - 1));
	for (int k = 1; k < width; k++)
		fputc('~', f);
	fputc('\n', f);
}

void scn_vreport(FILE *f, const struct scn_scenario *s, struct scn_pos pos,
		 const char *fmt, va_list ap)
{
	const struct scn_source *src = find_source(s, pos.file);

	if (!f)
		return;
	fprintf(f, "%s:%d:%d: error: ", pos.file ? pos.file : "<input>",
		pos.line, pos.col);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	if (src && pos.line > 0)
		quote(f, src, pos);
}

void scn_report(FILE *f, const struct scn_scenario *s, struct scn_pos pos,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scn_vreport(f, s, pos, fmt, ap);
	va_end(ap);
}

void scn_error(struct scn_diag *d, struct scn_pos pos, const char *fmt, ...)
{
	va_list ap;

	if (d->stopped)
		return;
	/* The error past the limit only says that we stop. */
	if (d->errors >= d->max) {
		d->stopped = true;
		if (d->out)
			fprintf(d->out, "too many errors (more than %d), "
				"stopping\n", d->max);
		return;
	}
	d->errors++;
	va_start(ap, fmt);
	scn_vreport(d->out, d->s, pos, fmt, ap);
	va_end(ap);
}
