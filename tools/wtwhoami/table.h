/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sections wtwhoami prints, each a table of text cells, and the three
 * text formats of "whoami /fo": table, list and csv.
 */
#ifndef WT_WHOAMI_TABLE_H
#define WT_WHOAMI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* More columns than any section has; wt_table_add() refuses a wider table. */
#define WT_TABLE_MAX_COLS 12

enum wt_format {
	WT_FMT_TABLE,
	WT_FMT_LIST,
	WT_FMT_CSV,
	WT_FMT_JSON,
};

/**
 * struct wt_table - one section
 * @title: its heading ("USER INFORMATION")
 * @cols: the column names
 * @ncols: how many
 * @nrows: rows added so far
 * @cells: @nrows * @ncols strings, row after row (owned)
 * @record: a single record of properties: the table format shows it as a
 *	list (one "Name: value" line per column), as whoami does its token
 *	details
 */
struct wt_table {
	const char *title;
	const char *const *cols;
	unsigned int ncols;
	size_t nrows;
	char **cells;
	bool record;
};

/* Append a row of @t->ncols copies of the strings given; -1 (ENOMEM). */
int wt_table_add(struct wt_table *t, ...);
void wt_table_free(struct wt_table *t);

/*
 * Print @t in @fmt (not WT_FMT_JSON). @first: the first section printed
 * (no blank line before it in csv); @header: print headings and column
 * names (--no-header clears it for table and csv, as "whoami /nh").
 */
void wt_table_print(FILE *out, const struct wt_table *t, enum wt_format fmt,
		    bool first, bool header);

#endif /* WT_WHOAMI_TABLE_H */
