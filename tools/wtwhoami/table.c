// SPDX-License-Identifier: GPL-2.0
/*
 * Sections as tables of text, printed as "whoami /fo table|list|csv" does.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

int wt_table_add(struct wt_table *t, ...)
{
	char **cells;
	unsigned int i;
	va_list ap;

	if (!t->ncols || t->ncols > WT_TABLE_MAX_COLS) {
		errno = EINVAL;
		return -1;
	}
	cells = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(*cells));
	if (!cells)
		return -1;
	t->cells = cells;
	cells += t->nrows * t->ncols;
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);

		cells[i] = strdup(s ? s : "");
	}
	va_end(ap);
	/* the row counts even when a copy failed, so that free frees it */
	t->nrows++;
	for (i = 0; i < t->ncols; i++)
		if (!cells[i]) {
			errno = ENOMEM;
			return -1;
		}
	return 0;
}

void wt_table_free(struct wt_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

static const char *cell(const struct wt_table *t, size_t row, unsigned int col)
{
	return t->cells[row * t->ncols + col];
}

static void repeat(FILE *out, int c, size_t n)
{
	while (n--)
		fputc(c, out);
}

static void heading(FILE *out, const char *title)
{
	fprintf(out, "\n%s\n", title);
	repeat(out, '-', strlen(title));
	fputs("\n\n", out);
}

/* "Name:" padded so that every value of the record starts in one column. */
static void print_list(FILE *out, const struct wt_table *t)
{
	size_t w = 0, row;
	unsigned int c;

	for (c = 0; c < t->ncols; c++)
		if (strlen(t->cols[c]) > w)
			w = strlen(t->cols[c]);
	for (row = 0; row < t->nrows; row++) {
		if (row)
			fputc('\n', out);
		for (c = 0; c < t->ncols; c++)
			fprintf(out, "%s:%*s %s\n", t->cols[c],
				(int)(w - strlen(t->cols[c])), "", cell(t, row, c));
	}
}

static void print_table(FILE *out, const struct wt_table *t, bool header)
{
	size_t w[WT_TABLE_MAX_COLS], row;
	unsigned int c, last = t->ncols - 1;

	for (c = 0; c < t->ncols; c++) {
		w[c] = header ? strlen(t->cols[c]) : 0;
		for (row = 0; row < t->nrows; row++)
			if (strlen(cell(t, row, c)) > w[c])
				w[c] = strlen(cell(t, row, c));
	}
	if (header) {
		/* the last column is not padded: no trailing blanks */
		for (c = 0; c < t->ncols; c++)
			fprintf(out, "%-*s%s", c == last ? 0 : (int)w[c],
				t->cols[c], c == last ? "\n" : " ");
		for (c = 0; c < t->ncols; c++) {
			repeat(out, '=', w[c]);
			fputc(c == last ? '\n' : ' ', out);
		}
	}
	for (row = 0; row < t->nrows; row++)
		for (c = 0; c < t->ncols; c++)
			fprintf(out, "%-*s%s", c == last ? 0 : (int)w[c],
				cell(t, row, c), c == last ? "\n" : " ");
}

/* RFC 4180: every field quoted, a quote inside doubled. */
static void csv_field(FILE *out, const char *s, bool last)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
	fputc(last ? '\n' : ',', out);
}

static void print_csv(FILE *out, const struct wt_table *t, bool header)
{
	unsigned int c;
	size_t row;

	if (header)
		for (c = 0; c < t->ncols; c++)
			csv_field(out, t->cols[c], c == t->ncols - 1);
	for (row = 0; row < t->nrows; row++)
		for (c = 0; c < t->ncols; c++)
			csv_field(out, cell(t, row, c), c == t->ncols - 1);
}

void wt_table_print(FILE *out, const struct wt_table *t, enum wt_format fmt,
		    bool first, bool header)
{
	switch (fmt) {
	case WT_FMT_CSV:
		if (!first)
			fputc('\n', out);
		print_csv(out, t, header);
		break;
	case WT_FMT_LIST:
		heading(out, t->title);
		print_list(out, t);
		break;
	default:
		if (header)
			heading(out, t->title);
		if (t->record)
			print_list(out, t);
		else
			print_table(out, t, header);
		break;
	}
}
